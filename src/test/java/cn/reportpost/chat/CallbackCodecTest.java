package cn.reportpost.chat;

import io.vertx.core.MultiMap;
import me.chanjar.weixin.mp.config.impl.WxMpDefaultConfigImpl;
import me.chanjar.weixin.mp.util.crypto.WxMpCryptUtil;
import org.junit.jupiter.api.Test;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The callback's wire format without a server: the DOCTYPE guard, the signed timestamp's window,
 * safe mode only when a key is set, and safe mode's envelope against hostile ciphertexts.
 */
class CallbackCodecTest {

  static final String TOKEN = "callbackToken123";
  static final String APP_ID = "wx1234567890abcdef";
  static final String AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
  private static final long NOW = 1_800_000_000L;
  private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);
  private static final String MESSAGE = "<xml><ToUserName><![CDATA[gh_1]]></ToUserName><FromUserName><![CDATA[oUser]]>"
      + "</FromUserName><CreateTime>1800000000</CreateTime><MsgType><![CDATA[text]]></MsgType>"
      + "<Content><![CDATA[查询]]></Content><MsgId>42</MsgId></xml>";

  private static CallbackCodec codec(String aesKey) {
    return new CallbackCodec(TOKEN, aesKey, APP_ID, CLOCK, Duration.ofMinutes(5));
  }

  private static boolean both(String xml) {
    boolean onText = CallbackCodec.hasDoctype(xml);
    boolean onBytes = CallbackCodec.hasDoctype(xml.getBytes(StandardCharsets.UTF_8));
    assertThat(onBytes).as("bytes and text agree on " + xml).isEqualTo(onText);
    return onText;
  }

  /** The query WeChat signs with the token, at {@code timestamp}; safe mode's when {@code encrypt} is given. */
  static MultiMap query(long timestamp, String nonce, String encrypt) {
    String ts = Long.toString(timestamp);
    MultiMap q = MultiMap.caseInsensitiveMultiMap().add("timestamp", ts).add("nonce", nonce)
        .add("signature", CallbackCodec.signature(TOKEN, ts, nonce));
    if (encrypt != null) {
      q.add("encrypt_type", "aes").add("msg_signature", CallbackCodec.signature(TOKEN, ts, nonce, encrypt));
    }
    return q;
  }

  static byte[] envelope(String encrypt) {
    return ("<xml><ToUserName><![CDATA[gh_1]]></ToUserName><Encrypt><![CDATA[" + encrypt + "]]></Encrypt></xml>")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** AES-CBC over {@code plain} as it is, with the account's key: any framing, good or not. */
  static String sealRaw(String aesKey, byte[] plain) throws Exception {
    byte[] key = Base64.getDecoder().decode(aesKey + "=");
    Cipher aes = Cipher.getInstance("AES/CBC/NoPadding");
    aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(key, 0, 16));
    return Base64.getEncoder().encodeToString(aes.doFinal(plain));
  }

  /** random16 | length | text | appId, padded with {@code pad} bytes of value {@code padValue}. */
  static byte[] framed(int lengthField, byte[] text, String appId, int pad, int padValue) {
    byte[] id = appId.getBytes(StandardCharsets.UTF_8);
    ByteBuffer b = ByteBuffer.allocate(20 + text.length + id.length + pad)
        .put(new byte[16]).putInt(lengthField).put(text).put(id);
    while (b.hasRemaining()) {
      b.put((byte) padValue);
    }
    return b.array();
  }

  private static int padFor(int length) {
    return 32 - length % 32;
  }

  private static int refusal(Runnable call) {
    try {
      call.run();
    } catch (CallbackCodec.Refused r) {
      return r.status;
    }
    throw new AssertionError("not refused");
  }

  @Test
  void findsADoctypeOrEntityInAnyCase() {
    assertThat(both("<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><xml>&x;</xml>")).isTrue();
    assertThat(both("<!doctype xml><xml/>")).isTrue();
    assertThat(both("<xml><!EnTiTy x \"y\"></xml>")).isTrue();
    assertThat(both("<xml><Content><![CDATA[你好]]></Content></xml><!DOCTYPE")).isTrue();
  }

  @Test
  void leavesWeChatsOwnMessagesAlone() {
    assertThat(both("<xml><ToUserName><![CDATA[gh_1]]></ToUserName><Content><![CDATA[查询 <!DOC]]></Content></xml>")).isFalse();
    assertThat(both("<xml><Content><![CDATA[DOCTYPE ENTITY]]></Content><!-- a note --></xml>")).isFalse();
    assertThat(both("<!")).isFalse();
    assertThat(both("")).isFalse();
  }

  @Test
  void aSignedTimestampOutsideTheWindowIsRefused() {
    CallbackCodec plain = codec("");
    byte[] body = MESSAGE.getBytes(StandardCharsets.UTF_8);
    assertThat(plain.open(query(NOW, "1", null), body).message().content()).isEqualTo("查询");
    assertThat(plain.open(query(NOW - 300, "2", null), body).signed().epochSecond()).isEqualTo(NOW - 300);
    assertThat(plain.open(query(NOW + 300, "3", null), body).signed().nonce()).isEqualTo("3");
    assertThat(refusal(() -> plain.open(query(NOW - 86_400, "4", null), body))).as("a day old").isEqualTo(403);
    assertThat(refusal(() -> plain.open(query(NOW - 301, "5", null), body))).as("just past the window").isEqualTo(403);
    assertThat(refusal(() -> plain.open(query(NOW + 600, "6", null), body))).as("10 minutes ahead").isEqualTo(403);
    assertThat(refusal(() -> plain.checkQuery(query(NOW - 86_400, "7", null)))).as("the URL check").isEqualTo(403);
  }

  @Test
  void anAccountWithAnAesKeyTakesSafeModeOnly() throws Exception {
    CallbackCodec safe = codec(AES_KEY);
    assertThat(refusal(() -> safe.open(query(NOW, "1", null), MESSAGE.getBytes(StandardCharsets.UTF_8))))
        .as("plain mode").isEqualTo(403);
    String encrypt = new CallbackCipher(AES_KEY, APP_ID).seal(MESSAGE);
    MultiMap noMsgSignature = query(NOW, "2", encrypt);
    noMsgSignature.remove("msg_signature");
    assertThat(refusal(() -> safe.open(noMsgSignature, envelope(encrypt)))).as("without msg_signature").isEqualTo(403);
    MultiMap forged = query(NOW, "3", encrypt).set("msg_signature", "0".repeat(40));
    assertThat(refusal(() -> safe.open(forged, envelope(encrypt)))).as("a wrong msg_signature").isEqualTo(403);
    assertThat(safe.open(query(NOW, "4", encrypt), envelope(encrypt)).message().fromUser()).isEqualTo("oUser");
    assertThat(refusal(() -> codec("").open(query(NOW, "5", encrypt), envelope(encrypt))))
        .as("safe mode to an account without a key").isEqualTo(403);
  }

  @Test
  void aCiphertextSealedForAnotherAppIdIsRefused() throws Exception {
    CallbackCodec safe = codec(AES_KEY);
    String other = new CallbackCipher(AES_KEY, "wxOTHER0000000000").seal(MESSAGE);
    assertThat(refusal(() -> safe.open(query(NOW, "1", other), envelope(other)))).isEqualTo(403);
    byte[] text = MESSAGE.getBytes(StandardCharsets.UTF_8);
    int length = 20 + text.length + APP_ID.length() - 1;
    String shorter = sealRaw(AES_KEY, framed(text.length, text, APP_ID.substring(1), padFor(length), padFor(length)));
    assertThat(refusal(() -> safe.open(query(NOW, "2", shorter), envelope(shorter)))).as("a suffix of ours").isEqualTo(403);
  }

  @Test
  void aLengthFieldLargerThanTheMessageIs400AndAllocatesNothing() throws Exception {
    CallbackCodec safe = codec(AES_KEY);
    byte[] text = MESSAGE.getBytes(StandardCharsets.UTF_8);
    int length = 20 + text.length + APP_ID.length();
    for (int field : new int[] {Integer.MAX_VALUE, Integer.MIN_VALUE, -1, text.length + APP_ID.length() + 1}) {
      String encrypt = sealRaw(AES_KEY, framed(field, text, APP_ID, padFor(length), padFor(length)));
      assertThat(refusal(() -> safe.open(query(NOW, "n" + field, encrypt), envelope(encrypt)))).as("length " + field)
          .isEqualTo(400);
    }
  }

  @Test
  void malformedCiphertextsAre400() throws Exception {
    CallbackCodec safe = codec(AES_KEY);
    byte[] text = MESSAGE.getBytes(StandardCharsets.UTF_8);
    int length = 20 + text.length + APP_ID.length();
    String[] malformed = {
        "not base64 at all!",
        Base64.getEncoder().encodeToString(new byte[31]),
        sealRaw(AES_KEY, new byte[16]),
        sealRaw(AES_KEY, framed(text.length, text, APP_ID, padFor(length), 0)),
        sealRaw(AES_KEY, framed(text.length, text, APP_ID, padFor(length) + 32, 64)),
        sealRaw(AES_KEY, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23,
            24, 25, 26, 27, 28, 29, 30, 31, 20})};
    for (String encrypt : malformed) {
      assertThat(refusal(() -> safe.open(query(NOW, "m", encrypt), envelope(encrypt)))).as(encrypt).isEqualTo(400);
    }
  }

  @Test
  void theEnvelopeMatchesWxJavasBothWays() {
    WxMpDefaultConfigImpl account = new WxMpDefaultConfigImpl();
    account.setAppId(APP_ID);
    account.setToken(TOKEN);
    account.setAesKey(AES_KEY);
    WxMpCryptUtil wxJava = new WxMpCryptUtil(account);
    CallbackCipher ours = new CallbackCipher(AES_KEY, APP_ID);
    assertThat(wxJava.decrypt(ours.seal(MESSAGE))).isEqualTo(MESSAGE);
    String sealedByWxJava = WeChatXml.fields(wxJava.encrypt(MESSAGE)).get("Encrypt");
    assertThat(ours.open(sealedByWxJava)).isEqualTo(MESSAGE);

    Incoming in = codec(AES_KEY).open(query(NOW, "9", sealedByWxJava), envelope(sealedByWxJava)).message();
    String reply = codec(AES_KEY).encode(new Reply.Text("你好"), in);
    var fields = WeChatXml.fields(reply);
    assertThat(wxJava.decryptXml(fields.get("MsgSignature"), fields.get("TimeStamp"), fields.get("Nonce"), reply))
        .contains("<Content><![CDATA[你好]]></Content>");
  }
}
