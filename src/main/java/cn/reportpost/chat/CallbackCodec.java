package cn.reportpost.chat;

import cn.reportpost.wechat.MpApi;
import io.vertx.core.MultiMap;
import cn.reportpost.wechat.MpCallbackCrypto;


/**
 * The official-account callback's wire format through WxJava: signatures, plain and safe (AES)
 * mode, and the reply XML. Safe mode's AES runs on a worker; a signature and a StAX pass are cheap
 * enough for the event loop.
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

  /** One opened callback: the message and whether the reply must be sealed too. */
  record Opened(Incoming message, boolean safeMode) {}

  private final MpApi mp;
  /** Safe mode's AES, set up once; null when the account has no EncodingAESKey. */
  private final MpCallbackCrypto crypt;

  CallbackCodec(MpApi mp) {
    this.mp = mp;
    this.crypt = mp.callbackCrypto().orElse(null);
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

  void checkSignature(MultiMap query) {
    String signature = query.get("signature");
    String timestamp = query.get("timestamp");
    String nonce = query.get("nonce");
    if (signature == null || timestamp == null || nonce == null || !mp.checkSignature(timestamp, nonce, signature)) {
      throw new Refused(403, "The signature does not match.");
    }
  }

  Opened open(MultiMap query, String body) {
    checkSignature(query);
    boolean safe = "aes".equalsIgnoreCase(query.get("encrypt_type"));
    String plain = body;
    if (safe) {
      try {
        plain = crypt.open(query.get("msg_signature"), query.get("timestamp"), query.get("nonce"), body);
      } catch (RuntimeException e) {
        // A wrong msg_signature, another app's key or a broken envelope: not from WeChat.
        throw new Refused(403, "The encrypted message does not open with this account's key.");
      }
      if (hasDoctype(plain)) {
        throw new Refused(400, "XML with a DOCTYPE is not accepted.");
      }
    }
    java.util.Map<String, String> m;
    try {
      m = WeChatXml.fields(plain);
    } catch (IllegalArgumentException e) {
      throw new Refused(400, "The body is not a WeChat message.");
    }
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
        m.get("Content"), m.get("Event"), m.get("EventKey"), msgId), safe);
  }

  /** The reply XML, sealed in safe mode; "success" when there is nothing to say. */
  String encode(Reply reply, Incoming in, boolean safe) {
    String xml = xml(reply, in, System.currentTimeMillis() / 1000);
    if (xml == null) {
      return "success";
    }
    return safe ? crypt.seal(xml) : xml;
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
