package cn.reportpost.wechat;

import cn.binarywang.wx.miniapp.api.WxMaService;
import cn.binarywang.wx.miniapp.bean.WxMaSubscribeMessage;
import cn.binarywang.wx.miniapp.bean.shop.request.shipping.OrderKeyBean;
import cn.binarywang.wx.miniapp.bean.shop.request.shipping.PayerBean;
import cn.binarywang.wx.miniapp.bean.shop.request.shipping.ShippingListBean;
import cn.binarywang.wx.miniapp.bean.shop.request.shipping.WxMaOrderShippingInfoGetRequest;
import cn.binarywang.wx.miniapp.bean.shop.request.shipping.WxMaOrderShippingInfoNotifyConfirmRequest;
import cn.binarywang.wx.miniapp.bean.shop.request.shipping.WxMaOrderShippingInfoUploadRequest;
import io.vertx.core.Future;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * The mini-program: login (code2session), the verified phone number, subscribe messages, the
 * shipping information WeChat asks of a trade-managed merchant, and mini-program codes.
 */
public final class MaApi {

  /**
   * What code2session answers. The session key stays on the server: {@link #toString()} leaves it
   * out so that no log line or assertion message can carry it.
   */
  public record Session(String openid, String unionid, String sessionKey) {
    @Override
    public String toString() {
      return "Session[openid=" + openid + ", unionid=" + unionid + "]";
    }
  }

  /** WeChat's largest mini-program code, in pixels: about 300 dpi on a 10.6 cm poster code. */
  private static final int CODE_WIDTH = 1280;

  private final WxMaService ma;
  private final WxCalls calls;

  MaApi(WxMaService ma, WxCalls calls) {
    this.ma = ma;
    this.calls = calls;
  }

  public String appId() {
    return ma.getWxMaConfig().getAppid();
  }

  /** Exchanges a wx.login code (single-use, five minutes) for the user's openid and session key. */
  public Future<Session> session(String code) {
    return calls.run("ma.jscode2session", () -> {
      // WxJava joins the code into the query string as it is.
      var r = ma.getUserService().getSessionInfo(URLEncoder.encode(code, StandardCharsets.UTF_8));
      return new Session(r.getOpenid(), blankToNull(r.getUnionid()), r.getSessionKey());
    });
  }

  /** The verified number behind a getPhoneNumber button's code, as the user typed it at WeChat. */
  public Future<String> phoneNumber(String code) {
    return calls.run("ma.phonenumber", () -> ma.getUserService().getPhoneNumber(code).getPhoneNumber());
  }

  /** A subscribe message; WeChat spends one of the user's consents for the template, or answers 43101. */
  public Future<Void> sendSubscribe(String openid, String templateId, String page, String state, Map<String, String> fields) {
    WxMaSubscribeMessage message = new WxMaSubscribeMessage().setToUser(openid).setTemplateId(templateId).setPage(page)
        .setMiniprogramState(state).setLang("zh_CN");
    fields.forEach((name, value) -> message.addData(new WxMaSubscribeMessage.MsgData(name, value)));
    return calls.run("ma.subscribe", () -> {
      ma.getSubscribeService().sendSubscribeMsg(message);
      return null;
    });
  }

  /** Whether WeChat manages this mini-program's trades, and so wants shipping information for them. */
  public Future<Boolean> tradeManaged() {
    return calls.run("ma.trade-managed",
        () -> Boolean.TRUE.equals(ma.getWxMaOrderShippingService().isTradeManaged(appId()).getTradeManaged()));
  }

  /**
   * WeChat's shipping state of a payment: 1 waiting for shipment, 2 shipped, 3 receipt confirmed,
   * 4 completed, 5 refunded.
   */
  public Future<Integer> shippingState(String mchId, String outTradeNo) {
    WxMaOrderShippingInfoGetRequest request = WxMaOrderShippingInfoGetRequest.builder()
        .merchantId(mchId).merchantTradeNo(outTradeNo).build();
    return calls.run("ma.shipping-get", () -> {
      var order = ma.getWxMaOrderShippingService().get(request).getOrder();
      return order == null ? null : order.getOrderState();
    });
  }

  /** One parcel by express for the payment {@code outTradeNo}, shipped in full. */
  public Future<Void> uploadShipping(String mchId, String outTradeNo, String payerOpenid, String expressCompany,
      String trackingNo, String itemDesc, OffsetDateTime uploadedAt) {
    WxMaOrderShippingInfoUploadRequest request = WxMaOrderShippingInfoUploadRequest.builder()
        .orderKey(OrderKeyBean.builder().orderNumberType(1).mchId(mchId).outTradeNo(outTradeNo).build())
        .logisticsType(1) // physical goods sent by a carrier
        .deliveryMode(1) // everything in one shipment
        .shippingList(List.of(ShippingListBean.builder().trackingNo(trackingNo).expressCompany(expressCompany)
            .itemDesc(itemDesc).build()))
        .uploadTime(uploadedAt.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
        .payer(PayerBean.builder().openid(payerOpenid).build())
        .build();
    return calls.run("ma.shipping-upload", () -> {
      ma.getWxMaOrderShippingService().upload(request);
      return null;
    });
  }

  /** Asks WeChat to remind the payer to confirm receipt of {@code outTradeNo}, received at {@code receivedAt}. */
  public Future<Void> remindToConfirmReceipt(String mchId, String outTradeNo, OffsetDateTime receivedAt) {
    WxMaOrderShippingInfoNotifyConfirmRequest request = WxMaOrderShippingInfoNotifyConfirmRequest.builder()
        .merchantId(mchId).merchantTradeNo(outTradeNo).receivedTime(receivedAt.toEpochSecond()).build();
    return calls.run("ma.shipping-confirm", () -> {
      ma.getWxMaOrderShippingService().notifyConfirmReceive(request);
      return null;
    });
  }

  /**
   * An unlimited mini-program code (wxacode.getUnlimited) that opens {@code page} of the
   * {@code envVersion} build (release, trial or develop) with {@code scene}, as the PNG WeChat drew:
   * black on white, at WeChat's largest width so that it prints sharp at poster size. Only the
   * release build can have its page checked; a trial or develop build may hold pages the release
   * lacks, so for those WeChat is asked not to check.
   */
  public Future<byte[]> unlimitedCode(String scene, String page, String envVersion) {
    boolean checkPath = "release".equals(envVersion);
    return calls.run("ma.wxacode", () -> ma.getQrcodeService()
        .createWxaCodeUnlimitBytes(scene, page, checkPath, envVersion, CODE_WIDTH, false, null, false));
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
