package cn.reportpost.sandbox;

import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.security.PrivateKey;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * WeChat Pay v3's envelope: requests must carry the merchant's WECHATPAY2-SHA256-RSA2048
 * Authorization, and every answer is signed with WeChat Pay's key (Wechatpay-* headers).
 */
final class PayWire {

  static final String SCHEME = "WECHATPAY2-SHA256-RSA2048 ";
  private static final Pattern PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");
  private static final long MAX_SKEW_SECONDS = 300;

  private final SandboxSettings settings;
  private final Clock clock;
  /** Signs the answers of the bad-signature fault: a valid RSA signature, from the wrong key. */
  private final PrivateKey impostor;

  PayWire(SandboxSettings settings, Clock clock, PrivateKey impostor) {
    this.settings = settings;
    this.clock = clock;
    this.impostor = impostor;
  }

  /** Route handler: lets a correctly signed merchant request through, else WeChat's 401. */
  void authenticate(RoutingContext ctx) {
    String why = rejection(ctx);
    if (why == null) {
      ctx.next();
    } else {
      error(ctx, 401, "SIGN_ERROR", why);
    }
  }

  private String rejection(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    if (header == null || !header.startsWith(SCHEME)) {
      return "Authorization缺少或认证类型错误 (expected " + SCHEME.trim() + ")";
    }
    Map<String, String> p = new HashMap<>();
    Matcher m = PARAM.matcher(header.substring(SCHEME.length()));
    while (m.find()) {
      p.put(m.group(1), m.group(2));
    }
    if (!settings.mchId().equals(p.get("mchid"))) {
      return "商户号与签名不匹配 (mchid " + p.get("mchid") + ")";
    }
    if (!settings.merchantSerial().equalsIgnoreCase(p.getOrDefault("serial_no", ""))) {
      return "商户证书序列号有误 (serial_no " + p.get("serial_no") + ")";
    }
    long ts;
    try {
      ts = Long.parseLong(p.getOrDefault("timestamp", ""));
    } catch (NumberFormatException e) {
      return "timestamp缺失或格式错误";
    }
    if (Math.abs(clock.instant().getEpochSecond() - ts) > MAX_SKEW_SECONDS) {
      return "timestamp过期";
    }
    String body = ctx.body() == null || ctx.body().buffer() == null ? "" : ctx.body().asString();
    String message = ctx.request().method().name() + "\n" + ctx.request().uri() + "\n" + ts + "\n"
        + p.getOrDefault("nonce_str", "") + "\n" + body + "\n";
    if (!SandboxCrypto.verify(settings.merchantPublicKey(), message, p.getOrDefault("signature", ""))) {
      return "签名错误";
    }
    return null;
  }

  void ok(RoutingContext ctx, JsonObject body) {
    answer(ctx, 200, body.encode());
  }

  void noContent(RoutingContext ctx) {
    answer(ctx, 204, "");
  }

  void error(RoutingContext ctx, int status, String code, String message) {
    answer(ctx, status, new JsonObject().put("code", code).put("message", message).encode());
  }

  /** Content-Type is sent even on 204: WxJava reads it without a null check. */
  private void answer(RoutingContext ctx, int status, String body) {
    boolean forged = Boolean.TRUE.equals(ctx.get(Faults.BAD_SIGNATURE));
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8");
    ctx.response().headers().addAll(signed(body, forged ? impostor : settings.payPrivateKey()));
    ctx.response().end(body);
  }

  /** The Wechatpay-* headers over {@code body}, as on answers and notifies. */
  MultiMap signed(String body, PrivateKey key) {
    return signedAt(body, key, clock.instant().getEpochSecond(), settings.publicKeyId());
  }

  MultiMap signedAt(String body, PrivateKey key, long timestamp, String serial) {
    String nonce = SandboxCrypto.random(32);
    return MultiMap.caseInsensitiveMultiMap()
        .add("Wechatpay-Timestamp", Long.toString(timestamp))
        .add("Wechatpay-Nonce", nonce)
        .add("Wechatpay-Serial", serial)
        .add("Wechatpay-Signature-Type", "WECHATPAY2-SHA256-RSA2048")
        .add("Wechatpay-Signature", SandboxCrypto.sign(key, timestamp + "\n" + nonce + "\n" + body + "\n"));
  }
}
