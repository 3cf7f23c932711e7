package cn.reportpost.chat;

import io.vertx.core.MultiMap;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The official-account callback's wire format: signatures, the signed timestamp's freshness, plain
 * and safe (AES) mode, and the reply XML. An account with an EncodingAESKey takes safe mode only:
 * in plain mode the signature covers the timestamp and nonce but not the body, so one seen
 * signature would carry any body. Safe mode's AES runs on a worker; a signature and a StAX pass
 * are cheap enough for the event loop.
 */
final class CallbackCodec {

  /** Why a callback is refused: the status to answer and what to say. */
  static final class Refused extends RuntimeException {
    final int status;

    Refused(int status, String message) {
      super(message, null, false, false);
      this.status = status;
    }
  }

  /** The (timestamp, nonce) pair a callback's signature covers, once the signature and the timestamp's age are checked. */
  record Signed(String timestamp, String nonce, long epochSecond) {}

  /** One opened callback: the message, its signed pair, and a digest of the body as it came. */
  record Opened(Incoming message, Signed signed, String bodyDigest) {}

  private static final ThreadLocal<MessageDigest> SHA1 = digest("SHA-1");
  private static final ThreadLocal<MessageDigest> SHA256 = digest("SHA-256");

  private final String token;
  /** Safe mode's AES; null when the account has no EncodingAESKey (plain mode). */
  private final CallbackCipher cipher;
  private final Clock clock;
  private final long windowSeconds;

  CallbackCodec(String token, String aesKey, String appId, Clock clock, Duration window) {
    this.token = token;
    this.cipher = aesKey == null || aesKey.isBlank() ? null : new CallbackCipher(aesKey, appId);
    this.clock = clock;
    this.windowSeconds = window.toSeconds();
  }

  boolean safeMode() {
    return cipher != null;
  }

  /**
   * A DOCTYPE is how XML external entities and entity bombs get in; WeChat never sends one, so a
   * body (or a decrypted message) carrying one is refused before any XML parser sees it.
   */
  static boolean hasDoctype(String xml) {
    for (int at = xml.indexOf("<!"); at >= 0; at = xml.indexOf("<!", at + 2)) {
      if (xml.regionMatches(true, at + 2, "DOCTYPE", 0, 7) || xml.regionMatches(true, at + 2, "ENTITY", 0, 6)) {
        return true;
      }
    }
    return false;
  }

  /** The same on the raw body, without decoding it: both words are ASCII, and UTF-8 keeps ASCII bytes as they are. */
  static boolean hasDoctype(byte[] body) {
    for (int at = 0; at + 1 < body.length; at++) {
      if (body[at] == '<' && body[at + 1] == '!' && (asciiAt(body, at + 2, "DOCTYPE") || asciiAt(body, at + 2, "ENTITY"))) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code word} (upper-case ASCII) is at {@code from}, in any case. */
  private static boolean asciiAt(byte[] body, int from, String word) {
    if (from + word.length() > body.length) {
      return false;
    }
    for (int i = 0; i < word.length(); i++) {
      int b = body[from + i];
      if (b != word.charAt(i) && b != Character.toLowerCase(word.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Checks {@code signature} over token, timestamp and nonce, then that the timestamp lies within
   * the window of our clock, so that a signature seen once (in a log, a proxy) stops working.
   */
  Signed checkQuery(MultiMap query) {
    String signature = query.get("signature");
    String timestamp = query.get("timestamp");
    String nonce = query.get("nonce");
    if (signature == null || timestamp == null || nonce == null || !matches(signature, token, timestamp, nonce)) {
      throw new Refused(403, "The signature does not match.");
    }
    long epochSecond;
    try {
      epochSecond = Long.parseLong(timestamp);
    } catch (NumberFormatException e) {
      throw new Refused(400, "The timestamp is not a number of seconds.");
    }
    if (Math.abs(clock.instant().getEpochSecond() - epochSecond) > windowSeconds) {
      throw new Refused(403, "The timestamp is more than " + windowSeconds + " s away from our clock.");
    }
    return new Signed(timestamp, nonce, epochSecond);
  }

  Opened open(MultiMap query, byte[] raw) {
    Signed signed = checkQuery(query);
    boolean aes = "aes".equalsIgnoreCase(query.get("encrypt_type"));
    String plain;
    if (cipher == null) {
      if (aes) {
        throw new Refused(403, "This official account has no EncodingAESKey: safe-mode callbacks cannot be opened.");
      }
      plain = new String(raw, StandardCharsets.UTF_8);
    } else {
      if (!aes) {
        throw new Refused(403, "This official account takes safe-mode callbacks only (encrypt_type=aes).");
      }
      String encrypt = fields(new String(raw, StandardCharsets.UTF_8)).get("Encrypt");
      String msgSignature = query.get("msg_signature");
      if (encrypt == null || encrypt.isEmpty() || msgSignature == null
          || !matches(msgSignature, token, signed.timestamp(), signed.nonce(), encrypt)) {
        throw new Refused(403, "The msg_signature does not match.");
      }
      plain = cipher.open(encrypt);
      if (hasDoctype(plain)) {
        throw new Refused(400, "XML with a DOCTYPE is not accepted.");
      }
    }
    Map<String, String> m = fields(plain);
    if (m.get("FromUserName") == null || m.get("MsgType") == null) {
      throw new Refused(400, "The body is not a WeChat message.");
    }
    long createTime;
    Long msgId;
    try {
      createTime = m.containsKey("CreateTime") ? Long.parseLong(m.get("CreateTime")) : 0;
      msgId = m.containsKey("MsgId") ? Long.valueOf(m.get("MsgId")) : null;
    } catch (NumberFormatException e) {
      throw new Refused(400, "The body is not a WeChat message.");
    }
    return new Opened(new Incoming(m.get("FromUserName"), m.get("ToUserName"), createTime, m.get("MsgType"),
        m.get("Content"), m.get("Event"), m.get("EventKey"), msgId), signed, digest(raw));
  }

  private static Map<String, String> fields(String xml) {
    try {
      return WeChatXml.fields(xml);
    } catch (IllegalArgumentException e) {
      throw new Refused(400, "The body is not a WeChat message.");
    }
  }

  /** The reply XML, sealed in safe mode; "success" when there is nothing to say. */
  String encode(Reply reply, Incoming in) {
    long now = clock.instant().getEpochSecond();
    String xml = xml(reply, in, now);
    if (xml == null) {
      return "success";
    }
    if (cipher == null) {
      return xml;
    }
    String encrypt = cipher.seal(xml);
    String timestamp = Long.toString(now);
    String nonce = Long.toString(ThreadLocalRandom.current().nextLong(1_000_000_000L, 10_000_000_000L));
    return "<xml><Encrypt>" + WeChatXml.cdata(encrypt) + "</Encrypt><MsgSignature>"
        + WeChatXml.cdata(signature(token, timestamp, nonce, encrypt)) + "</MsgSignature><TimeStamp>" + timestamp
        + "</TimeStamp><Nonce>" + WeChatXml.cdata(nonce) + "</Nonce></xml>";
  }

  /** WeChat's signature: the hex SHA-1 of the parts sorted and joined. */
  static String signature(String... parts) {
    String[] sorted = parts.clone();
    Arrays.sort(sorted);
    MessageDigest sha1 = SHA1.get();
    sha1.reset();
    return HexFormat.of().formatHex(sha1.digest(String.join("", sorted).getBytes(StandardCharsets.UTF_8)));
  }

  /** Whether {@code given} is the signature of the parts, compared in constant time. */
  private static boolean matches(String given, String... parts) {
    return MessageDigest.isEqual(signature(parts).getBytes(StandardCharsets.US_ASCII),
        given.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
  }

  /** What a signed pair is bound to: a digest of the body (or echostr) exactly as it came. */
  static String digest(byte[] content) {
    MessageDigest sha256 = SHA256.get();
    sha256.reset();
    return Base64.getEncoder().withoutPadding().encodeToString(sha256.digest(content));
  }

  private static ThreadLocal<MessageDigest> digest(String algorithm) {
    return ThreadLocal.withInitial(() -> {
      try {
        return MessageDigest.getInstance(algorithm);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every Java runtime has " + algorithm, e);
      }
    });
  }

  static String xml(Reply reply, Incoming in, long now) {
    if (reply instanceof Reply.Text t) {
      return WeChatXml.reply(in.fromUser(), in.toUser(), now, "text", "<Content>" + WeChatXml.cdata(t.content()) + "</Content>");
    }
    if (reply instanceof Reply.News n) {
      return WeChatXml.reply(in.fromUser(), in.toUser(), now, "news", "<ArticleCount>1</ArticleCount><Articles><item><Title>"
          + WeChatXml.cdata(n.title()) + "</Title><Description>" + WeChatXml.cdata(n.description()) + "</Description><PicUrl>"
          + WeChatXml.cdata(n.picUrl()) + "</PicUrl><Url>" + WeChatXml.cdata(n.url()) + "</Url></item></Articles>");
    }
    if (reply instanceof Reply.Transfer) {
      return WeChatXml.reply(in.fromUser(), in.toUser(), now, "transfer_customer_service", "");
    }
    return null;
  }
}
