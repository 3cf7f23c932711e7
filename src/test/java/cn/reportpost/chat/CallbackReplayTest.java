package cn.reportpost.chat;

import cn.reportpost.testing.ReportPostExtension;
import cn.reportpost.testing.Sandbox;
import cn.reportpost.testing.TestApp;
import cn.reportpost.testing.TestHttp;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

import static cn.reportpost.chat.ChatbotCallbackTest.fresh;
import static cn.reportpost.chat.ChatbotCallbackTest.placeOrder;
import static cn.reportpost.chat.ChatbotCallbackTest.server;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12: a signed callback is good once, while its timestamp is fresh, and an account with an
 * EncodingAESKey takes safe mode only. Real HTTP against the shared server (safe mode) and the
 * plain-mode one; the test signs as WeChat does, knowing the token.
 */
@ExtendWith(ReportPostExtension.class)
class CallbackReplayTest {

  @BeforeAll
  static void startThePlainModeServer() {
    TestApp.plainMode();
  }

  private static String setting(TestApp app, String path) {
    return app.app().services().config().string(path);
  }

  private static long now() {
    return System.currentTimeMillis() / 1000;
  }

  private static String nonce() {
    return Long.toString(ThreadLocalRandom.current().nextLong(1_000_000_000L, 10_000_000_000L));
  }

  /** /wx/mp with the query WeChat signs; safe mode's msg_signature too when {@code encrypt} is given. */
  private static String signed(TestApp app, long timestamp, String nonce, String encrypt) {
    String token = setting(app, "wechat.mp.token");
    String ts = Long.toString(timestamp);
    String path = "/wx/mp?timestamp=" + ts + "&nonce=" + nonce + "&signature=" + CallbackCodec.signature(token, ts, nonce);
    return encrypt == null ? path
        : path + "&encrypt_type=aes&msg_signature=" + CallbackCodec.signature(token, ts, nonce, encrypt);
  }

  private static String text(String openid, String content, long msgId) {
    return "<xml><ToUserName><![CDATA[gh_sandbox000]]></ToUserName><FromUserName><![CDATA[" + openid
        + "]]></FromUserName><CreateTime>" + now() + "</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA["
        + content + "]]></Content><MsgId>" + msgId + "</MsgId></xml>";
  }

  private static String sealed(TestApp app, String message) {
    return new CallbackCipher(setting(app, "wechat.mp.aesKey"), setting(app, "wechat.mp.appId")).seal(message);
  }

  private static String envelope(String encrypt) {
    return new String(CallbackCodecTest.envelope(encrypt), StandardCharsets.UTF_8);
  }

  @Test
  void aForgedBodyUnderASeenSignatureIsRefusedAndTellsNothingOfTheVictimsOrders() {
    TestApp app = TestApp.plainMode();
    String victim = fresh("oVictim");
    String orderNo = placeOrder(app.http(), victim);
    // The victim writes; the query (in an access log, a proxy) is all the attacker sees.
    String seen = signed(app, now(), nonce(), null);
    TestHttp.Response genuine = app.http().post(seen, "text/xml", text(victim, "你好", System.nanoTime()));
    assertThat(genuine.status()).isEqualTo(200);

    TestHttp.Response forged = app.http().post(seen, "text/xml", text(victim, "查询", System.nanoTime()));
    assertThat(forged.status()).isEqualTo(403);
    assertThat(forged.header("Content-Type")).contains("problem+json");
    assertThat(forged.body()).doesNotContain(orderNo).contains("already signed another message");
    TestHttp.Response byNumber = app.http().post(seen, "text/xml", text(victim, orderNo, System.nanoTime()));
    assertThat(byNumber.status()).isEqualTo(403);
    assertThat(byNumber.body()).doesNotContain("待支付");
  }

  @Test
  void aValidlySignedTimestampADayOldOrTenMinutesAheadIsRefused() {
    TestApp app = TestApp.plainMode();
    String openid = fresh("oStale");
    placeOrder(app.http(), openid);
    for (long timestamp : new long[] {now() - 86_400, now() - 301, now() + 600}) {
      TestHttp.Response r = app.http().post(signed(app, timestamp, nonce(), null), "text/xml",
          text(openid, "查询", System.nanoTime()));
      assertThat(r.status()).as("timestamp " + timestamp + " at " + now()).isEqualTo(403);
      assertThat(r.body()).contains("away from our clock").doesNotContain("待支付");
      assertThat(app.http().get(signed(app, timestamp, nonce(), null) + "&echostr=e1").status()).as("URL check").isEqualTo(403);
    }
    TestHttp.Response minuteOld = app.http().post(signed(app, now() - 60, nonce(), null), "text/xml",
        text(openid, "查询", System.nanoTime()));
    assertThat(minuteOld.status()).isEqualTo(200);
    assertThat(minuteOld.body()).as("a minute old is fine").contains("待支付");
  }

  @Test
  void theUrlCheckEchoesOncePerSignedPair(TestApp shared) {
    String query = signed(shared, now(), nonce(), null);
    TestHttp.Response first = shared.http().get(query + "&echostr=hello123");
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.body()).isEqualTo("hello123");
    assertThat(shared.http().get(query + "&echostr=hello123").body()).as("WeChat asking again").isEqualTo("hello123");
    TestHttp.Response other = shared.http().get(query + "&echostr=anything-else");
    assertThat(other.status()).isEqualTo(403);
    assertThat(other.body()).doesNotContain("anything-else");
  }

  @Test
  void aPlainCallbackIsRefusedWhileAnAesKeyIsSet(TestApp shared, Sandbox sandbox) {
    String openid = fresh("oPlainToSafe");
    placeOrder(shared.http(), openid);
    TestHttp.Response r = sandbox.http().postJson("/sandbox/mp/messages", new JsonObject().put("openid", openid)
        .put("msgType", "text").put("content", "查询").put("plain", true));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().getInteger("status")).as("the product's answer to a plain callback").isEqualTo(403);
    assertThat(r.json().getJsonObject("reply")).isEmpty();
    assertThat(r.json().getString("refused")).contains("safe-mode").doesNotContain("待支付");
    TestHttp.Response signedPlain = shared.http().post(signed(shared, now(), nonce(), null), "text/xml",
        text(openid, "查询", System.nanoTime()));
    assertThat(signedPlain.status()).isEqualTo(403);
    assertThat(signedPlain.body()).contains("safe-mode").doesNotContain("待支付");
  }

  @Test
  void aCiphertextSealedForAnotherAppIdIsRefused(TestApp shared) {
    String openid = fresh("oOtherApp");
    placeOrder(shared.http(), openid);
    String encrypt = new CallbackCipher(setting(shared, "wechat.mp.aesKey"), "wxOTHER0000000000")
        .seal(text(openid, "查询", System.nanoTime()));
    TestHttp.Response r = shared.http().post(signed(shared, now(), nonce(), encrypt), "text/xml", envelope(encrypt));
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.body()).contains("another official account").doesNotContain("待支付");
  }

  @Test
  void aLengthFieldLargerThanTheBodyAndOtherBrokenCiphertextsAre400(TestApp shared) throws Exception {
    byte[] text = text("oLength", "查询", 1).getBytes(StandardCharsets.UTF_8);
    String appId = setting(shared, "wechat.mp.appId");
    String aesKey = setting(shared, "wechat.mp.aesKey");
    int pad = 32 - (20 + text.length + appId.length()) % 32;
    String[] broken = {
        CallbackCodecTest.sealRaw(aesKey, CallbackCodecTest.framed(Integer.MAX_VALUE, text, appId, pad, pad)),
        CallbackCodecTest.sealRaw(aesKey, CallbackCodecTest.framed(text.length, text, appId, pad, 0)),
        "bm90IGEgY2lwaGVydGV4dA",
        "%%%"};
    for (String encrypt : broken) {
      TestHttp.Response r = shared.http().post(signed(shared, now(), nonce(), encrypt), "text/xml", envelope(encrypt));
      assertThat(r.status()).as(encrypt).isEqualTo(400);
      assertThat(r.header("Content-Type")).contains("problem+json");
    }
    assertThat(shared.http().get("/health").status()).as("the server is still up").isEqualTo(200);
  }

  @Test
  void anotherBodyUnderASeenPairIsRefusedInSafeModeToo(TestApp shared) {
    String openid = fresh("oSafeReplay");
    placeOrder(shared.http(), openid);
    long timestamp = now();
    String nonce = nonce();
    String first = sealed(shared, text(openid, "你好", System.nanoTime()));
    assertThat(shared.http().post(signed(shared, timestamp, nonce, first), "text/xml", envelope(first)).status())
        .isEqualTo(200);
    String second = sealed(shared, text(openid, "查询", System.nanoTime()));
    TestHttp.Response r = shared.http().post(signed(shared, timestamp, nonce, second), "text/xml", envelope(second));
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.body()).contains("already signed another message");
  }

  /** WeChat may resend an unanswered callback exactly as it was: that is a retry, not a replay. */
  @ParameterizedTest(name = "plain={0}")
  @ValueSource(booleans = {false, true})
  void theSameRequestSentAgainIsARetry(boolean plain, TestApp shared) {
    TestApp app = server(plain, shared);
    String openid = fresh("oResend");
    String orderNo = placeOrder(app.http(), openid);
    JsonObject question = app.sandbox().http().postJson("/sandbox/mp/messages", new JsonObject().put("openid", openid)
        .put("msgType", "text").put("content", "查询").put("times", 3)).json();
    var deliveries = question.getJsonArray("deliveries");
    assertThat(deliveries).hasSize(3);
    assertThat(deliveries.getJsonObject(0).getInteger("status")).isEqualTo(200);
    assertThat(deliveries.getJsonObject(0).getJsonObject("reply").getString("Content")).contains(orderNo);
    for (int i = 1; i < 3; i++) {
      assertThat(deliveries.getJsonObject(i).getInteger("status")).as("resend " + i).isEqualTo(200);
      assertThat(deliveries.getJsonObject(i).getJsonObject("reply")).as("resend " + i + ", answered once").isEmpty();
    }
    JsonObject help = app.sandbox().http().postJson("/sandbox/mp/messages", new JsonObject().put("openid", openid)
        .put("msgType", "text").put("content", "帮助").put("times", 2)).json();
    assertThat(help.getJsonArray("deliveries").getJsonObject(1).getInteger("status")).isEqualTo(200);
    assertThat(help.getJsonArray("deliveries").getJsonObject(1).getJsonObject("reply").getString("Content"))
        .as("a fixed answer, given again for WeChat to show once")
        .isEqualTo(help.getJsonArray("deliveries").getJsonObject(0).getJsonObject("reply").getString("Content"))
        .contains("“人工”");
  }
}
