package cn.reportpost.wechat;

import cn.reportpost.notify.ResidentMessenger;
import cn.reportpost.resident.OAuthClient;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import me.chanjar.weixin.common.api.WxConsts;
import me.chanjar.weixin.mp.api.WxMpService;
import me.chanjar.weixin.mp.bean.template.WxMpTemplateData;
import me.chanjar.weixin.mp.bean.template.WxMpTemplateMessage;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/** The official account, through WxJava: resident sign-in (OAuth2 snsapi_base) and status messages. */
public final class MpGateway implements OAuthClient, ResidentMessenger {

  /** Status words for the template's phrase field (at most 5 characters, as WeChat requires). */
  private static final Map<String, String> STATUS = Map.of("PAID", "已支付", "HANDED_OVER", "已交邮政", "POSTED", "已寄出",
      "OUT_FOR_DELIVERY", "派送中", "DELIVERED", "已签收", "DELIVERY_FAILED", "投递失败", "REFUNDED", "已退款");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
  private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

  private final WeChatGateway gateway;
  private final WxMpService mp;
  private final String templateId;
  private final String publicBaseUrl;

  public MpGateway(WeChatGateway gateway) {
    this.gateway = gateway;
    this.mp = gateway.mp();
    this.templateId = gateway.config().string("wechat.mp.statusTemplateId");
    this.publicBaseUrl = gateway.config().string("http.publicBaseUrl");
  }

  @Override
  public String authorizeUrl(String redirectUri, String state) {
    return mp.getOAuth2Service().buildAuthorizationUrl(redirectUri, WxConsts.OAuth2Scope.SNSAPI_BASE, state);
  }

  @Override
  public Future<String> openid(String code) {
    return gateway.call(() -> mp.getOAuth2Service().getAccessToken(code).getOpenId());
  }

  /**
   * The order-status template message. Since May 2023 WeChat shows no first/remark lines and no
   * colours, and each field is one line of at most 20 characters.
   */
  @Override
  public Future<String> sendStatus(String openid, JsonObject payload) {
    String orderNo = payload.getString("orderNo");
    String detail = payload.getString("note", "");
    WxMpTemplateMessage message = WxMpTemplateMessage.builder()
        .toUser(openid)
        .templateId(templateId)
        .url(publicBaseUrl + "/h5/orders/" + orderNo)
        .data(List.of(
            new WxMpTemplateData("character_string1", orderNo),
            new WxMpTemplateData("phrase2", STATUS.getOrDefault(payload.getString("status"), payload.getString("status"))),
            new WxMpTemplateData("thing3", fit(detail.isBlank() ? "点击查看详情" : detail)),
            new WxMpTemplateData("time4", OffsetDateTime.parse(payload.getString("at")).atZoneSameInstant(BEIJING).format(TIME))))
        .build();
    return gateway.call(() -> mp.getTemplateMsgService().sendTemplateMsg(message));
  }

  /** One line of at most 20 characters. */
  static String fit(String text) {
    String line = text.replaceAll("\\s+", " ").strip();
    return line.codePointCount(0, line.length()) <= 20 ? line : line.substring(0, line.offsetByCodePoints(0, 19)) + "…";
  }
}
