package cn.reportpost.wechat;

import cn.reportpost.payment.WeChatPay;
import com.github.binarywang.wxpay.bean.notify.SignatureHeader;
import com.github.binarywang.wxpay.bean.request.WxPayRefundV3Request;
import com.github.binarywang.wxpay.bean.request.WxPayUnifiedOrderV3Request;
import com.github.binarywang.wxpay.bean.result.WxPayUnifiedOrderV3Result;
import com.github.binarywang.wxpay.bean.result.enums.TradeTypeEnum;
import com.github.binarywang.wxpay.exception.WxPayException;
import com.github.binarywang.wxpay.service.WxPayService;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Set;

/** WeChat Pay API v3 in public-key mode, through WxJava, for the order flow. */
public final class PayGateway implements WeChatPay {

  /** A notify older than this is refused even with a good signature: it can only be a replay. */
  private static final long MAX_NOTIFY_AGE_SECONDS = 300;
  private static final Set<String> NOT_FOUND = Set.of("ORDER_NOT_EXIST", "RESOURCE_NOT_EXISTS", "NOT_FOUND");
  private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

  private final WeChatGateway gateway;
  private final WxPayService pay;
  private final Clock clock;
  private final String refundNotifyUrl;

  public PayGateway(WeChatGateway gateway, Clock clock) {
    this.gateway = gateway;
    this.pay = gateway.pay();
    this.clock = clock;
    this.refundNotifyUrl = WeChatGateway.notifyUrl(gateway.config(), "wechat.pay.refundNotifyUrl", "/wx/pay/refund-notify");
  }

  @Override
  public String mchId() {
    return pay.getConfig().getMchId();
  }

  @Override
  public Future<String> createJsapiPrepay(String appId, String outTradeNo, String description, int amountFen,
      String payerOpenid, OffsetDateTime expireAt) {
    WxPayUnifiedOrderV3Request request = new WxPayUnifiedOrderV3Request()
        .setAppid(appId)
        .setDescription(description)
        .setOutTradeNo(outTradeNo)
        .setTimeExpire(expireAt.atZoneSameInstant(java.time.ZoneId.of("Asia/Shanghai")).format(RFC3339))
        .setAmount(new WxPayUnifiedOrderV3Request.Amount().setTotal(amountFen).setCurrency("CNY"))
        .setPayer(new WxPayUnifiedOrderV3Request.Payer().setOpenid(payerOpenid));
    return gateway.call(() -> pay.unifiedOrderV3(TradeTypeEnum.JSAPI, request).getPrepayId());
  }

  @Override
  public Future<JsonObject> jsapiParameters(String appId, String prepayId) {
    return gateway.call(() -> {
      WxPayUnifiedOrderV3Result.JsapiResult r = WxPayUnifiedOrderV3Result.getJsapiPayInfo(prepayId, appId,
          pay.getConfig().getPrivateKey());
      // WxJava names the field packageValue; WeixinJSBridge and wx.requestPayment want "package".
      return new JsonObject().put("appId", r.getAppId()).put("timeStamp", r.getTimeStamp()).put("nonceStr", r.getNonceStr())
          .put("package", r.getPackageValue()).put("signType", r.getSignType()).put("paySign", r.getPaySign());
    });
  }

  @Override
  public Future<PaymentState> query(String outTradeNo) {
    return gateway.call(() -> {
      try {
        var r = pay.queryOrderV3(null, outTradeNo);
        return new PaymentState(r.getOutTradeNo(), r.getTradeState(), r.getTransactionId(),
            r.getAmount() == null ? 0 : r.getAmount().getTotal(), r.getAppid(), r.getMchid());
      } catch (WxPayException e) {
        if (NOT_FOUND.contains(e.getErrCode())) {
          return new PaymentState(outTradeNo, "NOT_FOUND", null, 0, null, null);
        }
        throw e;
      }
    });
  }

  @Override
  public Future<Void> close(String outTradeNo) {
    return gateway.call(() -> {
      pay.closeOrderV3(outTradeNo);
      return null;
    });
  }

  @Override
  public Future<RefundState> refund(String outTradeNo, String outRefundNo, int totalFen, String reason) {
    WxPayRefundV3Request request = new WxPayRefundV3Request()
        .setOutTradeNo(outTradeNo)
        .setOutRefundNo(outRefundNo)
        .setReason(reason)
        .setNotifyUrl(refundNotifyUrl)
        .setAmount(new WxPayRefundV3Request.Amount().setRefund(totalFen).setTotal(totalFen).setCurrency("CNY"));
    return gateway.call(() -> {
      var r = pay.refundV3(request);
      return new RefundState(r.getOutRefundNo(), r.getOutTradeNo(), r.getRefundId(), r.getStatus());
    });
  }

  @Override
  public Future<RefundState> queryRefund(String outRefundNo) {
    return gateway.call(() -> {
      try {
        var r = pay.refundQueryV3(outRefundNo);
        return new RefundState(r.getOutRefundNo(), r.getOutTradeNo(), r.getRefundId(), r.getStatus());
      } catch (WxPayException e) {
        if (NOT_FOUND.contains(e.getErrCode())) {
          return new RefundState(outRefundNo, null, null, "NOT_FOUND");
        }
        throw e;
      }
    });
  }

  @Override
  public Future<PaymentState> parsePaymentNotify(MultiMap headers, String body) {
    return verified(headers).compose(header -> gateway.call(() -> {
      try {
        var r = pay.parseOrderNotifyV3Result(body, header).getResult();
        return new PaymentState(r.getOutTradeNo(), r.getTradeState(), r.getTransactionId(),
            r.getAmount() == null ? 0 : r.getAmount().getTotal(), r.getAppid(), r.getMchid());
      } catch (WxPayException | RuntimeException e) {
        throw new NotifyRejected("payment notify did not verify or decrypt: " + e.getMessage());
      }
    }));
  }

  @Override
  public Future<RefundState> parseRefundNotify(MultiMap headers, String body) {
    return verified(headers).compose(header -> gateway.call(() -> {
      try {
        var r = pay.parseRefundNotifyV3Result(body, header).getResult();
        return new RefundState(r.getOutRefundNo(), r.getOutTradeNo(), r.getRefundId(), r.getRefundStatus());
      } catch (WxPayException | RuntimeException e) {
        throw new NotifyRejected("refund notify did not verify or decrypt: " + e.getMessage());
      }
    }));
  }

  /** The signature headers, present and fresh; the signature itself is checked by WxJava. */
  private Future<SignatureHeader> verified(MultiMap headers) {
    String timestamp = headers.get("Wechatpay-Timestamp");
    String nonce = headers.get("Wechatpay-Nonce");
    String signature = headers.get("Wechatpay-Signature");
    String serial = headers.get("Wechatpay-Serial");
    if (timestamp == null || nonce == null || signature == null || serial == null) {
      return Future.failedFuture(new NotifyRejected("notify without the Wechatpay-* signature headers"));
    }
    long age;
    try {
      age = clock.instant().getEpochSecond() - Long.parseLong(timestamp);
    } catch (NumberFormatException e) {
      return Future.failedFuture(new NotifyRejected("notify with a malformed Wechatpay-Timestamp"));
    }
    if (Math.abs(age) > MAX_NOTIFY_AGE_SECONDS) {
      return Future.failedFuture(new NotifyRejected("notify timestamp " + age + " s away from now"));
    }
    if (!serial.equals(pay.getConfig().getPublicKeyId())) {
      return Future.failedFuture(new NotifyRejected("notify signed with unknown key " + serial));
    }
    return Future.succeededFuture(SignatureHeader.builder().timeStamp(timestamp).nonce(nonce).signature(signature)
        .serial(serial).build());
  }
}
