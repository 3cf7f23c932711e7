package cn.reportpost.wechat;

import cn.reportpost.config.AppConfig;
import cn.reportpost.notify.ResidentMessenger;
import cn.reportpost.order.model.OrderStatus;
import cn.reportpost.resident.OAuthClient;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/** Resident sign-in and status messages over the gateway's official account ({@link MpApi}). */
public final class MpPort implements OAuthClient, ResidentMessenger {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
  private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

  private final MpApi mp;
  private final String templateId;
  private final String publicBaseUrl;

  public MpPort(MpApi mp, AppConfig config) {
    this.mp = mp;
    this.templateId = config.string("wechat.mp.statusTemplateId");
    this.publicBaseUrl = config.string("http.publicBaseUrl");
  }

  @Override
  public String authorizeUrl(String redirectUri, String state) {
    return mp.authorizeUrl(redirectUri, state);
  }

  @Override
  public Future<String> openid(String code) {
    return mp.openidForCode(code);
  }

  /**
   * The order-status template message. Since May 2023 WeChat shows no first/remark lines and no
   * colours, and each field is one line of at most 20 characters.
   */
  @Override
  public Future<String> sendStatus(String openid, JsonObject payload) {
    String orderNo = payload.getString("orderNo");
    String detail = payload.getString("note", "");
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("character_string1", orderNo);
    fields.put("phrase2", OrderStatus.valueOf(payload.getString("status")).label());
    fields.put("thing3", fit(detail.isBlank() ? "点击查看详情" : detail));
    fields.put("time4", OffsetDateTime.parse(payload.getString("at")).atZoneSameInstant(BEIJING).format(TIME));
    return mp.sendTemplate(openid, templateId, publicBaseUrl + "/h5/orders/" + orderNo, fields);
  }

  /** One line of at most 20 characters. */
  static String fit(String text) {
    String line = text.replaceAll("\\s+", " ").strip();
    return line.codePointCount(0, line.length()) <= 20 ? line : line.substring(0, line.offsetByCodePoints(0, 19)) + "…";
  }
}
