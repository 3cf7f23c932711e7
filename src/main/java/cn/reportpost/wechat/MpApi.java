package cn.reportpost.wechat;

import io.vertx.core.Future;
import me.chanjar.weixin.common.api.WxConsts;
import me.chanjar.weixin.mp.api.WxMpService;
import me.chanjar.weixin.mp.bean.kefu.WxMpKefuMessage;
import me.chanjar.weixin.mp.bean.result.WxMpQrCodeTicket;
import me.chanjar.weixin.mp.bean.template.WxMpTemplateData;
import me.chanjar.weixin.mp.bean.template.WxMpTemplateMessage;
import me.chanjar.weixin.mp.config.WxMpConfigStorage;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
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

  /**
   * The token and EncodingAESKey the official-account callback is signed and sealed with, for
   * WxJava's message classes; pure configuration, no call.
   */
  public WxMpConfigStorage callbackConfig() {
    return mp.getWxMpConfigStorage();
  }

  /**
   * Checks a callback's {@code signature}: the hex SHA-1 of token, timestamp and nonce sorted and
   * joined, as WxJava's checkSignature computes it, compared in constant time. Done here with one
   * digest per thread, because WxJava looks the SHA-1 provider up on every callback.
   */
  public boolean checkSignature(String timestamp, String nonce, String signature) {
    String[] parts = {mp.getWxMpConfigStorage().getToken(), timestamp, nonce};
    Arrays.sort(parts);
    MessageDigest sha1 = SHA1.get();
    sha1.reset();
    byte[] expected = HexFormat.of().formatHex(sha1.digest(String.join("", parts)
        .getBytes(StandardCharsets.UTF_8))).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, signature.toLowerCase(Locale.ROOT)
        .getBytes(StandardCharsets.US_ASCII));
  }

  private static final ThreadLocal<MessageDigest> SHA1 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-1");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-1", e);
    }
  });

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

  /** Replaces the account's menu with {@code menuJson} ({"button": [...]}, WeChat's own format). */
  public Future<Void> createMenu(String menuJson) {
    return calls.run("mp.menu", () -> {
      mp.getMenuService().menuCreate(menuJson);
      return null;
    });
  }
}
