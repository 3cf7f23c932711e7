package cn.reportpost.wechat;

import io.vertx.core.Future;
import me.chanjar.weixin.common.api.WxConsts;
import me.chanjar.weixin.common.bean.WxJsapiSignature;
import me.chanjar.weixin.mp.api.WxMpService;
import me.chanjar.weixin.mp.bean.kefu.WxMpKefuMessage;
import me.chanjar.weixin.mp.bean.result.WxMpQrCodeTicket;
import me.chanjar.weixin.mp.bean.template.WxMpTemplateData;
import me.chanjar.weixin.mp.bean.template.WxMpTemplateMessage;
import me.chanjar.weixin.mp.config.WxMpConfigStorage;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** The official account: OAuth2, messages, parametric QR codes and the menu. */
public final class MpApi {

  /** A parametric QR code: the ticket, the URL it encodes, and where WeChat serves its picture. */
  public record QrCode(String ticket, String url, String imageUrl, int expireSeconds) {}

  private final WxMpService mp;
  private final WxCalls calls;

  MpApi(WxMpService mp, WxCalls calls) {
    this.mp = mp;
    this.calls = calls;
  }

  /** What the official account's callback is checked and sealed with: the token, the EncodingAESKey (may be blank) and the appid. */
  public record CallbackAccount(String token, String aesKey, String appId) {}

  public CallbackAccount callbackAccount() {
    WxMpConfigStorage c = mp.getWxMpConfigStorage();
    return new CallbackAccount(c.getToken(), c.getAesKey(), c.getAppId());
  }

  /** WeChat's authorize URL for a silent (snsapi_base) login; pure string work, no call. */
  public String authorizeUrl(String redirectUri, String state) {
    return mp.getOAuth2Service().buildAuthorizationUrl(redirectUri, WxConsts.OAuth2Scope.SNSAPI_BASE, state);
  }

  /** Exchanges the one-time code from the OAuth redirect for the user's openid. */
  public Future<String> openidForCode(String code) {
    // WxJava formats the code into the query string as it is.
    return calls.run("mp.oauth2",
        () -> mp.getOAuth2Service().getAccessToken(URLEncoder.encode(code, StandardCharsets.UTF_8)).getOpenId());
  }

  /** Sends a template message and answers WeChat's msgid. Field values: at most 20 characters each. */
  public Future<String> sendTemplate(String openid, String templateId, String url, Map<String, String> fields) {
    WxMpTemplateMessage message = WxMpTemplateMessage.builder().toUser(openid).templateId(templateId).url(url).build();
    fields.forEach((name, value) -> message.addData(new WxMpTemplateData(name, value)));
    return calls.run("mp.template", () -> mp.getTemplateMsgService().sendTemplateMsg(message));
  }

  /** A customer-service text message (allowed within 48 h of the user's last message). */
  public Future<Void> sendText(String openid, String content) {
    WxMpKefuMessage message = WxMpKefuMessage.TEXT().toUser(openid).content(content).build();
    return calls.run("mp.custom", () -> {
      mp.getKefuService().sendKefuMessage(message);
      return null;
    });
  }

  public Future<QrCode> temporaryQr(String scene, Duration lifetime) {
    return calls.run("mp.qrcode", () -> qr(mp.getQrcodeService().qrCodeCreateTmpTicket(scene, (int) lifetime.toSeconds())));
  }

  public Future<QrCode> permanentQr(String scene) {
    return calls.run("mp.qrcode", () -> qr(mp.getQrcodeService().qrCodeCreateLastTicket(scene)));
  }

  private QrCode qr(WxMpQrCodeTicket t) throws Exception {
    return new QrCode(t.getTicket(), t.getUrl(), mp.getQrcodeService().qrCodePictureUrl(t.getTicket()), t.getExpireSeconds());
  }

  /** What wx.config needs for a page at {@code url}. */
  public record JsSdkConfig(String appId, long timestamp, String nonceStr, String signature) {}

  /**
   * Signs {@code url} (without its #fragment) for wx.config with the jsapi_ticket, which WxJava
   * keeps in Redis beside the access token, so every instance shares one ticket.
   */
  public Future<JsSdkConfig> jsSdkConfig(String url) {
    return calls.run("mp.jsapi", () -> {
      WxJsapiSignature s = mp.createJsapiSignature(url);
      return new JsSdkConfig(s.getAppId(), s.getTimestamp(), s.getNonceStr(), s.getSignature());
    });
  }

  /** Replaces the account's menu with {@code menuJson} ({"button": [...]}, WeChat's own format). */
  public Future<Void> createMenu(String menuJson) {
    return calls.run("mp.menu", () -> {
      mp.getMenuService().menuCreate(menuJson);
      return null;
    });
  }
}
