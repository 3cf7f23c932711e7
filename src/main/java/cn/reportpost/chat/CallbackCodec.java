package cn.reportpost.chat;

import cn.reportpost.wechat.MpApi;
import io.vertx.core.MultiMap;
import me.chanjar.weixin.mp.bean.message.WxMpXmlMessage;
import me.chanjar.weixin.mp.bean.message.WxMpXmlOutMessage;
import me.chanjar.weixin.mp.bean.message.WxMpXmlOutNewsMessage;
import me.chanjar.weixin.mp.util.crypto.WxMpCryptUtil;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The official-account callback's wire format through WxJava: signatures, plain and safe (AES)
 * mode, and the reply XML. Blocking CPU work: callers run it on a worker, never an event loop.
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

  CallbackCodec(MpApi mp) {
    this.mp = mp;
    // WxJava's XML mapping loads and reflects on its classes the first time: pay that at start,
    // not inside the first resident's callback on an event loop.
    WxMpXmlMessage.fromXml("<xml><ToUserName>a</ToUserName><FromUserName>b</FromUserName><CreateTime>1</CreateTime>"
        + "<MsgType>text</MsgType><Content>x</Content><MsgId>1</MsgId></xml>");
    WxMpXmlOutMessage.TEXT().content("x").fromUser("a").toUser("b").build().toXml();
  }

  /**
   * A DOCTYPE is how XML external entities and entity bombs get in; WeChat never sends one, so a
   * body (or a decrypted message) carrying one is refused before any XML parser sees it.
   */
  static boolean hasDoctype(String xml) {
    return xml.toUpperCase(Locale.ROOT).contains("<!DOCTYPE") || xml.toUpperCase(Locale.ROOT).contains("<!ENTITY");
  }

  static boolean hasDoctype(byte[] body) {
    return hasDoctype(new String(body, StandardCharsets.UTF_8));
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
        plain = new WxMpCryptUtil(mp.callbackConfig())
            .decryptXml(query.get("msg_signature"), query.get("timestamp"), query.get("nonce"), body);
      } catch (RuntimeException e) {
        // A wrong msg_signature, another app's key or a broken envelope: not from WeChat.
        throw new Refused(403, "The encrypted message does not open with this account's key.");
      }
      if (hasDoctype(plain)) {
        throw new Refused(400, "XML with a DOCTYPE is not accepted.");
      }
    }
    WxMpXmlMessage m;
    try {
      m = WxMpXmlMessage.fromXml(plain);
    } catch (RuntimeException e) {
      throw new Refused(400, "The body is not a WeChat message.");
    }
    if (m.getFromUser() == null || m.getMsgType() == null) {
      throw new Refused(400, "The body is not a WeChat message.");
    }
    return new Opened(new Incoming(m.getFromUser(), m.getToUser(), m.getCreateTime() == null ? 0 : m.getCreateTime(),
        m.getMsgType(), m.getContent(), m.getEvent(), m.getEventKey(), m.getMsgId()), safe);
  }

  /** The reply XML, sealed in safe mode; "success" when there is nothing to say. */
  String encode(Reply reply, Incoming in, boolean safe) {
    WxMpXmlOutMessage out = message(reply);
    if (out == null) {
      return "success";
    }
    out.setFromUserName(in.toUser());
    out.setToUserName(in.fromUser());
    out.setCreateTime(System.currentTimeMillis() / 1000);
    return safe ? out.toEncryptedXml(mp.callbackConfig()) : out.toXml();
  }

  private static WxMpXmlOutMessage message(Reply reply) {
    if (reply instanceof Reply.Text t) {
      return WxMpXmlOutMessage.TEXT().content(t.content()).build();
    }
    if (reply instanceof Reply.News n) {
      WxMpXmlOutNewsMessage.Item item = new WxMpXmlOutNewsMessage.Item();
      item.setTitle(n.title());
      item.setDescription(n.description());
      item.setUrl(n.url());
      item.setPicUrl(n.picUrl());
      return WxMpXmlOutMessage.NEWS().addArticle(item).build();
    }
    return reply instanceof Reply.Transfer ? WxMpXmlOutMessage.TRANSFER_CUSTOMER_SERVICE().build() : null;
  }
}
