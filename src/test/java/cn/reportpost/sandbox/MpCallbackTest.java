package cn.reportpost.sandbox;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import me.chanjar.weixin.mp.bean.message.WxMpXmlMessage;
import me.chanjar.weixin.mp.bean.message.WxMpXmlOutMessage;
import me.chanjar.weixin.mp.config.impl.WxMpDefaultConfigImpl;
import me.chanjar.weixin.common.util.crypto.SHA1;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The sandbox's official-account callback side, checked against WxJava (what the product's /wx/mp
 * route will use): a safe-mode message the sandbox seals opens in WxJava, and WxJava's encrypted
 * reply opens in the sandbox. Both sides are written independently, so they check each other.
 */
class MpCallbackTest {

  private static final String APP_ID = "wx1234567890abcdef";
  private static final String TOKEN = "callbackToken123";
  private static final String AES_KEY = SandboxCrypto.random(43);

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    vertx.close().await(5, TimeUnit.SECONDS);
  }

  private static WxMpDefaultConfigImpl productConfig() {
    WxMpDefaultConfigImpl c = new WxMpDefaultConfigImpl();
    c.setAppId(APP_ID);
    c.setToken(TOKEN);
    c.setAesKey(AES_KEY);
    return c;
  }

  private MpCallback callback(String aesKey, String url) {
    return new MpCallback(vertx, new SandboxSettings(0, APP_ID, "secret", TOKEN, aesKey, "wxminiapp", "masecret", "1900000001", null, "",
        null, "PUB_KEY_ID_01", "k".repeat(32), url, 100, Duration.ofSeconds(2), Duration.ofSeconds(1),
        "tracking-key"));
  }

  @Test
  void safeModeMessageOpensInWxJavaAndWxJavasReplyOpensInTheSandbox() {
    MpCrypto crypto = callback(AES_KEY, "http://unused").crypto();
    String plain = MpCallback.xml(new JsonObject().put("openid", "oUser1").put("msgType", "event")
        .put("event", "subscribe").put("eventKey", "qrscene_site:140100001"), 1_700_000_000L);
    String encrypted = crypto.encrypt(plain);
    String body = "<xml><ToUserName><![CDATA[gh_x]]></ToUserName><Encrypt><![CDATA[" + encrypted + "]]></Encrypt></xml>";

    WxMpXmlMessage received = WxMpXmlMessage.fromEncryptedXml(body, productConfig(), "1700000000", "12345",
        crypto.signature("1700000000", "12345", encrypted));
    assertThat(received.getFromUser()).isEqualTo("oUser1");
    assertThat(received.getEvent()).isEqualTo("subscribe");
    assertThat(received.getEventKey()).isEqualTo("qrscene_site:140100001");

    String reply = WxMpXmlOutMessage.TEXT().content("欢迎").fromUser("gh_x").toUser("oUser1").build()
        .toEncryptedXml(productConfig());
    JsonObject decoded = callback(AES_KEY, "http://unused").decode(reply);
    assertThat(decoded.getString("Content")).isEqualTo("欢迎");
    assertThat(decoded.getString("ToUserName")).isEqualTo("oUser1");
  }

  @Test
  void signaturesMatchWxJavasCheck() {
    MpCrypto crypto = new MpCrypto(TOKEN, "", APP_ID);
    String signature = crypto.signature("1714036504", "1514711492");
    // What WxMpService.checkSignature computes.
    assertThat(SHA1.gen(TOKEN, "1714036504", "1514711492")).isEqualTo(signature);
    // WeChat's published vector: token AAAAA.
    assertThat(new MpCrypto("AAAAA", "", APP_ID).signature("1714036504", "1514711492"))
        .isEqualTo("f464b24fc39322e44b38aa78f5edd27bd1441696");
  }

  @Test
  void replyWithAWrongSignatureOrAnotherAppIdIsRefused() {
    String reply = WxMpXmlOutMessage.TEXT().content("hi").fromUser("gh_x").toUser("o").build().toEncryptedXml(productConfig());
    String tampered = reply.replaceAll("<MsgSignature><!\\[CDATA\\[[0-9a-f]+]]>", "<MsgSignature><![CDATA[" + "0".repeat(40) + "]]>");
    assertThat(tampered).isNotEqualTo(reply);
    assertThatThrownBy(() -> callback(AES_KEY, "http://unused").decode(tampered)).hasMessageContaining("MsgSignature");
    MpCrypto otherApp = new MpCrypto(TOKEN, AES_KEY, "wxOTHER");
    String sealed = otherApp.encrypt("<xml/>");
    assertThatThrownBy(() -> new MpCrypto(TOKEN, AES_KEY, APP_ID).decrypt(sealed)).hasMessageContaining("another appId");
  }

  @Test
  void plainModeDeliversASignedXmlMessageAndReadsThePlainReply() throws Exception {
    var seen = new java.util.concurrent.CompletableFuture<io.vertx.core.http.HttpServerRequest>();
    var server = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(b -> {
      WxMpXmlMessage in = WxMpXmlMessage.fromXml(b.toString());
      boolean signed = SHA1.gen(TOKEN, req.getParam("timestamp"), req.getParam("nonce")).equals(req.getParam("signature"));
      req.response().end(signed ? WxMpXmlOutMessage.TEXT().content("echo:" + in.getContent()).fromUser(in.getToUser())
          .toUser(in.getFromUser()).build().toXml() : "");
      seen.complete(req);
    })).listen(0, "127.0.0.1").await(5, TimeUnit.SECONDS);

    JsonObject answer = callback("", "http://127.0.0.1:" + server.actualPort() + "/wx/mp")
        .deliver(new JsonObject().put("openid", "oPlain").put("msgType", "text").put("content", "你好"))
        .await(5, TimeUnit.SECONDS);
    assertThat(answer.getInteger("status")).isEqualTo(200);
    assertThat(answer.getJsonObject("reply").getString("Content")).isEqualTo("echo:你好");
    assertThat(seen.get(1, TimeUnit.SECONDS).getParam("encrypt_type")).isNull();
  }
}
