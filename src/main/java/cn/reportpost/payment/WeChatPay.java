package cn.reportpost.payment;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;

import java.time.OffsetDateTime;

/** What the order flow needs of WeChat Pay API v3; the gateway implements it. */
public interface WeChatPay {

  /** WeChat's view of a payment: trade state (SUCCESS, NOTPAY, CLOSED, …) and what was paid. */
  record PaymentState(String outTradeNo, String tradeState, String transactionId, int totalFen, String appId,
      String mchId) {
    public boolean paid() {
      return "SUCCESS".equals(tradeState);
    }
  }

  /** WeChat's view of a refund: status SUCCESS, PROCESSING, ABNORMAL or CLOSED. */
  /** WeChat shows the refund's reason to the payer and takes at most 80 characters of it. */
  static String refundReason(String reason) {
    String text = reason == null || reason.isBlank() ? "核酸检测报告邮寄退款" : reason.strip();
    return text.codePointCount(0, text.length()) <= 80 ? text : text.substring(0, text.offsetByCodePoints(0, 80));
  }

  /** {@code refundFen}: the amount refunded, 0 when WeChat did not say. */
  record RefundState(String outRefundNo, String outTradeNo, String refundId, String status, int refundFen) {
    public boolean done() {
      return "SUCCESS".equals(status);
    }

    /** WeChat ended the refund without paying it back (ABNORMAL, CLOSED): asking again will not help. */
    public boolean failed() {
      return "ABNORMAL".equals(status) || "CLOSED".equals(status);
    }
  }

  /** A notify WeChat did not sign, or that did not decrypt: never acted on. */
  final class NotifyRejected extends RuntimeException {
    public NotifyRejected(String message) {
      super(message);
    }
  }

  String mchId();

  /** Creates the JSAPI order; answers the signed bridge parameters, whose {@code package} is "prepay_id=…". */
  Future<JsonObject> createJsapi(String appId, String outTradeNo, String description, int amountFen,
      String payerOpenid, OffsetDateTime expireAt);

  /** The signed parameters for WeixinJSBridge / wx.requestPayment, with the key {@code package}. */
  Future<JsonObject> jsapiParameters(String appId, String prepayId);

  Future<PaymentState> query(String outTradeNo);

  Future<Void> close(String outTradeNo);

  /** Refunds the whole payment of {@code totalFen}. */
  default Future<RefundState> refund(String outTradeNo, String outRefundNo, int totalFen, String reason) {
    return refund(outTradeNo, outRefundNo, totalFen, totalFen, reason);
  }

  /** Refunds {@code refundFen} of a payment of {@code totalFen}; WeChat refuses refunds adding up to more than was paid. */
  Future<RefundState> refund(String outTradeNo, String outRefundNo, int refundFen, int totalFen, String reason);

  Future<RefundState> queryRefund(String outRefundNo);

  /** Verifies and decrypts a payment notify; fails with {@link NotifyRejected} when forged. */
  Future<PaymentState> parsePaymentNotify(MultiMap headers, String body);

  /** Verifies and decrypts a refund notify; fails with {@link NotifyRejected} when forged. */
  Future<RefundState> parseRefundNotify(MultiMap headers, String body);
}
