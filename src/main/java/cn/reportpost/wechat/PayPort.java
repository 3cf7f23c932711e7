package cn.reportpost.wechat;

import cn.reportpost.config.AppConfig;
import cn.reportpost.payment.WeChatPay;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Set;

/** The order flow's view of WeChat Pay ({@link WeChatPay}), over the gateway's {@link PayApi}. */
public final class PayPort implements WeChatPay {

  private static final Set<String> NOT_FOUND = Set.of("ORDER_NOT_EXIST", "RESOURCE_NOT_EXISTS", "NOT_FOUND");

  private final PayApi pay;
  private final String mchId;

  public PayPort(PayApi pay, AppConfig config) {
    this.pay = pay;
    this.mchId = config.string("wechat.pay.mchId");
  }

  @Override
  public String mchId() {
    return mchId;
  }

  @Override
  public Future<JsonObject> createJsapi(String appId, String outTradeNo, String description, int amountFen,
      String payerOpenid, OffsetDateTime expireAt) {
    return pay.createJsapi(new PayApi.JsapiOrder(appId, outTradeNo, description, amountFen, payerOpenid, expireAt.toInstant()))
        .map(PayPort::json);
  }

  @Override
  public Future<JsonObject> jsapiParameters(String appId, String prepayId) {
    return pay.bridgeParameters(appId, prepayId).map(PayPort::json);
  }

  @Override
  public Future<PaymentState> query(String outTradeNo) {
    return pay.query(outTradeNo)
        .map(r -> new PaymentState(r.getOutTradeNo(), r.getTradeState(), r.getTransactionId(),
            r.getAmount() == null || r.getAmount().getTotal() == null ? 0 : r.getAmount().getTotal(), r.getAppid(), r.getMchid()))
        .recover(e -> notFound(e) ? Future.succeededFuture(new PaymentState(outTradeNo, "NOT_FOUND", null, 0, null, null))
            : Future.failedFuture(e));
  }

  @Override
  public Future<Void> close(String outTradeNo) {
    return pay.close(outTradeNo);
  }

  @Override
  public Future<RefundState> refund(String outTradeNo, String outRefundNo, int refundFen, int totalFen, String reason) {
    return pay.refund(outTradeNo, outRefundNo, refundFen, totalFen, reason)
        .map(r -> new RefundState(r.getOutRefundNo(), r.getOutTradeNo(), r.getRefundId(), r.getStatus(),
            r.getAmount() == null ? 0 : fen(r.getAmount().getRefund())));
  }

  @Override
  public Future<RefundState> queryRefund(String outRefundNo) {
    return pay.queryRefund(outRefundNo)
        .map(r -> new RefundState(r.getOutRefundNo(), r.getOutTradeNo(), r.getRefundId(), r.getStatus(),
            r.getAmount() == null ? 0 : fen(r.getAmount().getRefund())))
        .recover(e -> notFound(e) ? Future.succeededFuture(new RefundState(outRefundNo, null, null, "NOT_FOUND", 0))
            : Future.failedFuture(e));
  }

  @Override
  public Future<PaymentState> parsePaymentNotify(MultiMap headers, String body) {
    return pay.verifyPaymentNotify(NotifyHeaders.from(headers::get), body)
        .map(n -> {
          var t = n.transaction();
          return new PaymentState(t.getOutTradeNo(), t.getTradeState(), t.getTransactionId(),
              t.getAmount() == null || t.getAmount().getTotal() == null ? 0 : t.getAmount().getTotal(), t.getAppid(),
              t.getMchid());
        })
        .recover(PayPort::rejected);
  }

  @Override
  public Future<RefundState> parseRefundNotify(MultiMap headers, String body) {
    return pay.verifyRefundNotify(NotifyHeaders.from(headers::get), body)
        .map(n -> new RefundState(n.refund().getOutRefundNo(), n.refund().getOutTradeNo(), n.refund().getRefundId(),
            n.refund().getRefundStatus(), n.refund().getAmount() == null ? 0 : fen(n.refund().getAmount().getRefund())))
        .recover(PayPort::rejected);
  }

  private static int fen(Integer amount) {
    return amount == null ? 0 : amount;
  }

  private static <T> Future<T> rejected(Throwable e) {
    return e instanceof WeChatException w && PayNotices.INVALID.equals(w.code())
        ? Future.failedFuture(new NotifyRejected(w.getMessage()))
        : Future.failedFuture(e);
  }

  private static boolean notFound(Throwable e) {
    return e instanceof WeChatException w && NOT_FOUND.contains(w.code());
  }

  private static JsonObject json(Map<String, String> parameters) {
    return new JsonObject(new java.util.LinkedHashMap<>(parameters));
  }
}
