package cn.reportpost.wechat;

import com.github.binarywang.wxpay.bean.request.WxPayRefundV3Request;
import com.github.binarywang.wxpay.bean.request.WxPayUnifiedOrderV3Request;
import com.github.binarywang.wxpay.bean.result.WxPayOrderQueryV3Result;
import com.github.binarywang.wxpay.bean.result.WxPayRefundQueryV3Result;
import com.github.binarywang.wxpay.bean.result.WxPayRefundV3Result;
import com.github.binarywang.wxpay.bean.result.WxPayUnifiedOrderV3Result;
import com.github.binarywang.wxpay.bean.result.WxPayUnifiedOrderV3Result.JsapiResult;
import com.github.binarywang.wxpay.bean.result.enums.TradeTypeEnum;
import com.github.binarywang.wxpay.service.WxPayService;
import io.vertx.core.Future;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/** WeChat Pay API v3 (JSAPI, direct merchant, public-key mode). Every method returns at once. */
public final class PayApi {

  /** WeChat wants RFC 3339 with the offset; Beijing time reads best in their console. */
  private static final DateTimeFormatter RFC3339 =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX").withZone(ZoneId.of("Asia/Shanghai"));

  /** What an order asks WeChat to collect, and through which app (official account or mini-program). */
  public record JsapiOrder(String appId, String outTradeNo, String description, int amountFen, String openid, Instant expiresAt) {}

  private final WxPayService pay;
  private final WxCalls calls;
  private final PayNotices notices;
  private final String refundNotifyUrl;

  PayApi(WxPayService pay, WxCalls calls, PayNotices notices, String refundNotifyUrl) {
    this.pay = pay;
    this.calls = calls;
    this.notices = notices;
    this.refundNotifyUrl = refundNotifyUrl;
  }

  /**
   * Creates the JSAPI order and answers what WeixinJSBridge needs: appId, timeStamp, nonceStr,
   * package, signType, paySign (WxJava names the package field packageValue, the bridge does not).
   */
  public Future<Map<String, String>> createJsapi(JsapiOrder order) {
    // WxJava fills in the config's appid only when the request has none; the payer's app decides.
    WxPayUnifiedOrderV3Request request = new WxPayUnifiedOrderV3Request()
        .setAppid(order.appId())
        .setOutTradeNo(order.outTradeNo())
        .setDescription(order.description())
        .setTimeExpire(RFC3339.format(order.expiresAt().truncatedTo(ChronoUnit.SECONDS)))
        .setAmount(new WxPayUnifiedOrderV3Request.Amount().setTotal(order.amountFen()).setCurrency("CNY"))
        .setPayer(new WxPayUnifiedOrderV3Request.Payer().setOpenid(order.openid()));
    return calls.run("pay.jsapi", () -> {
      String prepayId = pay.unifiedOrderV3(TradeTypeEnum.JSAPI, request).getPrepayId();
      return bridgeParameters(WxPayUnifiedOrderV3Result.getJsapiPayInfo(prepayId, order.appId(), pay.getConfig().getPrivateKey()));
    });
  }

  static Map<String, String> bridgeParameters(JsapiResult r) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("appId", r.getAppId());
    p.put("timeStamp", r.getTimeStamp());
    p.put("nonceStr", r.getNonceStr());
    p.put("package", r.getPackageValue());
    p.put("signType", r.getSignType());
    p.put("paySign", r.getPaySign());
    return p;
  }

  /**
   * The bridge parameters signed for {@code appId} (the app that pays must be the one signed for)
   * over a prepay WeChat already made: also how a resident who taps pay again within the prepay's
   * lifetime reuses it instead of creating another.
   */
  public Future<Map<String, String>> bridgeParameters(String appId, String prepayId) {
    return calls.run("pay.sign", () -> bridgeParameters(
        WxPayUnifiedOrderV3Result.getJsapiPayInfo(prepayId, appId, pay.getConfig().getPrivateKey())));
  }

  /** The order as WeChat sees it; code ORDER_NOT_EXIST when WeChat never heard of it. */
  public Future<WxPayOrderQueryV3Result> query(String outTradeNo) {
    return calls.run("pay.query", () -> pay.queryOrderV3(null, outTradeNo));
  }

  public Future<Void> close(String outTradeNo) {
    return calls.run("pay.close", () -> {
      pay.closeOrderV3(outTradeNo);
      return null;
    });
  }

  /**
   * Refunds the whole payment under {@code outRefundNo}, which the caller derives from the order
   * (OrderNumber.refundNumber): a retried refund carries the same number and WeChat refunds once.
   */
  public Future<WxPayRefundV3Result> refund(String outTradeNo, String outRefundNo, int totalFen, String reason) {
    return refund(outTradeNo, outRefundNo, totalFen, totalFen, reason);
  }

  /** Refunds {@code refundFen} of the payment of {@code totalFen}, under a number fixed by the caller. */
  public Future<WxPayRefundV3Result> refund(String outTradeNo, String outRefundNo, int refundFen, int totalFen, String reason) {
    WxPayRefundV3Request request = new WxPayRefundV3Request();
    request.setOutTradeNo(outTradeNo);
    request.setOutRefundNo(outRefundNo);
    request.setReason(reason);
    request.setNotifyUrl(refundNotifyUrl);
    request.setAmount(new WxPayRefundV3Request.Amount().setRefund(refundFen).setTotal(totalFen).setCurrency("CNY"));
    return calls.run("pay.refund", () -> pay.refundV3(request));
  }

  public Future<WxPayRefundQueryV3Result> queryRefund(String outRefundNo) {
    return calls.run("pay.refundQuery", () -> pay.refundQueryV3(outRefundNo));
  }

  /** Verifies and decrypts a payment notify; fails with code INVALID_NOTIFY for anything forged. */
  public Future<PayNotices.Payment> verifyPaymentNotify(NotifyHeaders headers, String body) {
    return calls.run("pay.notify", () -> notices.payment(headers, body));
  }

  /** Verifies and decrypts a refund notify; fails with code INVALID_NOTIFY for anything forged. */
  public Future<PayNotices.Refund> verifyRefundNotify(NotifyHeaders headers, String body) {
    return calls.run("pay.refundNotify", () -> notices.refund(headers, body));
  }
}
