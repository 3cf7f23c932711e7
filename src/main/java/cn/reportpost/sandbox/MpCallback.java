package cn.reportpost.sandbox;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A user's message or event, delivered to the product's official-account callback the way WeChat
 * delivers it (signed query, plain or safe-mode body), and the product's reply read back.
 */
final class MpCallback {

  static final String ACCOUNT = "gh_sandbox000";
  // WeChat's MsgIds are unique per message; a sequence keeps two messages in one second apart.
  private static final AtomicLong MSG_IDS = new AtomicLong(System.currentTimeMillis() * 1000);
  // WeChat's nonces are random digits. These are also distinct within a run, so that a load test
  // never meets the rare repeat within one second that the product rightly refuses (a signed
  // timestamp and nonce stand for one message only).
  private static final AtomicLong NONCES = new AtomicLong(1_000_000_000L + Long.parseLong(SandboxCrypto.digits(9)));

  private final Vertx vertx;
  private final WebClient client;
  private final SandboxSettings settings;
  private final MpCrypto crypto;

  MpCallback(Vertx vertx, SandboxSettings settings) {
    this.vertx = vertx;
    this.client = WebClient.create(vertx);
    this.settings = settings;
    this.crypto = new MpCrypto(settings.token(), settings.aesKey(), settings.appId());
  }

  /**
   * {openid, msgType, content, event, eventKey} as the callback XML WeChat would post; an optional
   * msgId replays a message WeChat retries.
   */
  static String xml(JsonObject m, long createTime) {
    StringBuilder x = new StringBuilder("<xml>").append(cdata("ToUserName", ACCOUNT))
        .append(cdata("FromUserName", m.getString("openid", ""))).append("<CreateTime>").append(createTime)
        .append("</CreateTime>").append(cdata("MsgType", m.getString("msgType", "text")));
    if ("event".equals(m.getString("msgType"))) {
      x.append(cdata("Event", m.getString("event", ""))).append(cdata("EventKey", m.getString("eventKey", "")));
    } else {
      x.append(cdata("Content", m.getString("content", ""))).append("<MsgId>")
          .append(m.getLong("msgId", MSG_IDS.incrementAndGet())).append("</MsgId>");
    }
    return x.append("</xml>").toString();
  }

  private static String cdata(String name, String value) {
    return "<" + name + "><![CDATA[" + value.replace("]]>", "]]]]><![CDATA[>") + "]]></" + name + ">";
  }

  /**
   * Posts the callback, freshly signed; answers {status, reply, millis} with the reply decoded to
   * JSON ({} when empty). msgId (a message) or createTime (an event) makes it a retry WeChat signs
   * afresh; times: N posts the very same request N times, as WeChat would resend one it had no
   * answer to, and adds every answer as deliveries. plain: true posts in plain mode even with an
   * EncodingAESKey, as WeChat does once the account is switched back to plain mode (a product
   * that still holds the key refuses it).
   */
  Future<JsonObject> deliver(JsonObject message) {
    int times = message.getInteger("times", 1);
    // AES and XML parsing run on a worker: their first use loads enough classes to block an event loop.
    return vertx.executeBlocking(() -> seal(message), false).compose(sealed -> {
      JsonArray deliveries = new JsonArray();
      Future<JsonObject> last = post(message, sealed).onSuccess(deliveries::add);
      for (int i = 1; i < times; i++) {
        last = last.compose(previous -> post(message, sealed).onSuccess(deliveries::add));
      }
      return times == 1 ? last : last.map(answer -> answer.copy().put("deliveries", deliveries));
    });
  }

  private Future<JsonObject> post(JsonObject message, Sealed sealed) {
    long started = System.nanoTime();
    var request = client.postAbs(settings.mpCallbackUrl()).timeout(5000)
        .addQueryParam("signature", crypto.signature(sealed.timestamp(), sealed.nonce()))
        .addQueryParam("timestamp", sealed.timestamp()).addQueryParam("nonce", sealed.nonce())
        .addQueryParam("openid", message.getString("openid", ""))
        .putHeader("Content-Type", "text/xml; charset=utf-8");
    if (sealed.encrypted() != null) {
      request.addQueryParam("encrypt_type", "aes").addQueryParam("msg_signature",
          crypto.signature(sealed.timestamp(), sealed.nonce(), sealed.encrypted()));
    }
    return request.sendBuffer(Buffer.buffer(sealed.body())).compose(r -> {
      long millis = (System.nanoTime() - started) / 1_000_000;
      // WeChat shows nothing for an answer other than 200; what the product said is kept for tests.
      return vertx.executeBlocking(() -> r.statusCode() == 200
          ? new JsonObject().put("status", 200).put("reply", decode(r.bodyAsString())).put("millis", millis)
          : new JsonObject().put("status", r.statusCode()).put("reply", new JsonObject()).put("millis", millis)
              .put("refused", r.bodyAsString()), false);
    });
  }

  private record Sealed(String timestamp, String nonce, String body, String encrypted) {}

  private Sealed seal(JsonObject message) {
    long now = System.currentTimeMillis() / 1000;
    String plain = xml(message, message.getLong("createTime", now));
    boolean safe = crypto.safeMode() && !message.getBoolean("plain", false);
    String encrypted = safe ? crypto.encrypt(plain) : null;
    String body = safe ? "<xml>" + cdata("ToUserName", ACCOUNT) + cdata("Encrypt", encrypted) + "</xml>" : plain;
    return new Sealed(Long.toString(now), nonce(), body, encrypted);
  }

  private static String nonce() {
    return Long.toString(NONCES.incrementAndGet());
  }

  /** A text message as a plain-mode callback, signed; its path is the product's callback path. */
  Sandbox.Callback plainText(String openid, String content, long msgId) {
    long now = System.currentTimeMillis() / 1000;
    String timestamp = Long.toString(now);
    String nonce = nonce();
    String xml = xml(new JsonObject().put("openid", openid).put("msgType", "text").put("content", content)
        .put("msgId", msgId), now);
    return new Sandbox.Callback(URI.create(settings.mpCallbackUrl()).getRawPath() + "?signature="
        + crypto.signature(timestamp, nonce) + "&timestamp=" + timestamp + "&nonce=" + nonce + "&openid=" + openid, xml);
  }

  void close() {
    client.close();
  }

  /** The reply as WeChat reads it: empty or "success" is no reply; safe mode is checked and opened. */
  JsonObject decode(String reply) {
    if (reply == null || reply.isBlank() || reply.equals("success")) {
      return new JsonObject();
    }
    JsonObject fields = fields(reply);
    if (!fields.containsKey("Encrypt")) {
      return fields;
    }
    String expected = crypto.signature(fields.getString("TimeStamp", ""), fields.getString("Nonce", ""), fields.getString("Encrypt"));
    if (!expected.equals(fields.getString("MsgSignature"))) {
      throw new IllegalArgumentException("the reply's MsgSignature is wrong");
    }
    return fields(crypto.decrypt(fields.getString("Encrypt")));
  }

  /** The top-level elements of a WeChat XML message; DOCTYPEs are refused, as WeChat would. */
  static JsonObject fields(String xml) {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setExpandEntityReferences(false);
      Element root = f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))
          .getDocumentElement();
      JsonObject out = new JsonObject();
      for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
        if (n.getNodeType() == Node.ELEMENT_NODE) {
          out.put(n.getNodeName(), n.getTextContent());
        }
      }
      return out;
    } catch (Exception e) {
      throw new IllegalArgumentException("not WeChat XML: " + e.getMessage(), e);
    }
  }

  MpCrypto crypto() {
    return crypto;
  }
}
