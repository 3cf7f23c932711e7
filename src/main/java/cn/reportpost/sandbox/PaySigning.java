package cn.reportpost.sandbox;

import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The gate in front of every Pay v3 path, as WeChat Pay keeps it: armed faults first, then the
 * merchant's request signature (401 SIGN_ERROR otherwise); every answer is signed with WeChat
 * Pay's key under its public key id.
 */
final class PaySigning {

  private static final Pattern PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");
  private static final String SCHEMA = "WECHATPAY2-SHA256-RSA2048 ";
  private static final String BAD_SIGNATURE = "sandbox.badSignature";

  private final Vertx vertx;
  private final SandboxKeys keys;
  private final Faults faults;
  private final long hangMillis;

  PaySigning(Vertx vertx, SandboxKeys keys, Faults faults, long hangMillis) {
    this.vertx = vertx;
    this.keys = keys;
    this.faults = faults;
    this.hangMillis = hangMillis;
  }

  void guard(RoutingContext ctx, String api, BiConsumer<RoutingContext, JsonObject> handler) {
    Faults.Mode fault = faults.take(api);
    if (fault == Faults.Mode.HTTP500) {
      error(ctx, 500, "SYSTEM_ERROR", "系统错误");
      return;
    }
    if (fault == Faults.Mode.TIMEOUT) {
      vertx.setTimer(hangMillis, id -> error(ctx, 500, "SYSTEM_ERROR", "too late"));
      return;
    }
    String body = ctx.body().buffer() == null ? "" : ctx.body().asString();
    String problem = checkSignature(ctx, body);
    if (problem != null) {
      error(ctx, 401, "SIGN_ERROR", problem);
      return;
    }
    JsonObject json;
    try {
      json = body.isEmpty() ? new JsonObject() : new JsonObject(body);
    } catch (DecodeException e) {
      error(ctx, 400, "PARAM_ERROR", "请求体不是合法的JSON");
      return;
    }
    if (fault == Faults.Mode.BAD_SIGNATURE) {
      ctx.put(BAD_SIGNATURE, true);
    }
    handler.accept(ctx, json);
  }

  /** Null when the request carries the merchant's valid signature, otherwise what is wrong. */
  private String checkSignature(RoutingContext ctx, String body) {
    String header = ctx.request().getHeader("Authorization");
    if (header == null || !header.startsWith(SCHEMA)) {
      return "Authorization header missing or not WECHATPAY2-SHA256-RSA2048";
    }
    Map<String, String> p = new HashMap<>();
    Matcher m = PARAM.matcher(header.substring(SCHEMA.length()));
    while (m.find()) {
      p.put(m.group(1), m.group(2));
    }
    if (!keys.mchId().equals(p.get("mchid"))) {
      return "mchid does not match";
    }
    if (!keys.merchantSerial().equalsIgnoreCase(p.getOrDefault("serial_no", ""))) {
      return "unknown merchant certificate serial";
    }
    try {
      long age = System.currentTimeMillis() / 1000 - Long.parseLong(p.getOrDefault("timestamp", "0"));
      if (Math.abs(age) > 300) {
        return "timestamp expired";
      }
    } catch (NumberFormatException e) {
      return "bad timestamp";
    }
    String message = ctx.request().method().name() + "\n" + ctx.request().uri() + "\n" + p.get("timestamp") + "\n"
        + p.get("nonce_str") + "\n" + body + "\n";
    return PayCrypto.verify(keys.merchantPublicKey(), message, p.getOrDefault("signature", "")) ? null : "签名错误";
  }

  void answer(RoutingContext ctx, int status, JsonObject json) {
    String body = json == null ? "" : json.encode();
    String timestamp = Long.toString(System.currentTimeMillis() / 1000);
    String nonce = UUID.randomUUID().toString().replace("-", "");
    String signed = Boolean.TRUE.equals(ctx.get(BAD_SIGNATURE)) ? "tampered\n" + body : timestamp + "\n" + nonce + "\n" + body + "\n";
    ctx.response().setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .putHeader("Request-ID", UUID.randomUUID().toString())
        .putHeader("Wechatpay-Timestamp", timestamp)
        .putHeader("Wechatpay-Nonce", nonce)
        .putHeader("Wechatpay-Serial", keys.payPublicKeyId())
        .putHeader("Wechatpay-Signature", PayCrypto.sign(keys.payPrivateKey(), signed))
        .end(body);
  }

  void error(RoutingContext ctx, int status, String code, String message) {
    answer(ctx, status, new JsonObject().put("code", code).put("message", message));
  }
}
