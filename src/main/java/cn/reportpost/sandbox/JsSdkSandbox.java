package cn.reportpost.sandbox;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;

import static cn.reportpost.sandbox.SandboxHttp.body;
import static cn.reportpost.sandbox.SandboxHttp.json;

/**
 * The official account's JS-SDK: the jsapi_ticket (behind the access token, as at WeChat) and a
 * stand-in for WeChat's jweixin script, whose wx.scanQRCode asks the tester for the code.
 */
final class JsSdkSandbox {

  private final String appId;
  private final AtomicInteger issued = new AtomicInteger();
  private volatile String ticket = newTicket();

  JsSdkSandbox(String appId) {
    this.appId = appId;
  }

  /** Needs the /cgi-bin/* access-token check mounted before it. */
  void mount(Router router) {
    router.get("/cgi-bin/ticket/getticket").handler(this::getTicket);
  }

  /** Controls and the script: no access token, as a phone does not hold one. */
  void mountControls(Router router) {
    router.get("/sandbox/jweixin.js").handler(ctx -> ctx.response()
        .putHeader("Content-Type", "text/javascript; charset=utf-8")
        .putHeader("Access-Control-Allow-Origin", "*")
        .sendFile("sandbox/jweixin.js"));
    // wx.config of the stand-in: checks the signature against the current ticket, as WeChat's client does.
    // A text/plain body, so the page's cross-origin call needs no preflight.
    router.post("/sandbox/mp/jssdk-verify").handler(this::verify);
    router.get("/sandbox/mp/jsapi-ticket").handler(ctx -> json(ctx, 200,
        new JsonObject().put("ticket", ticket).put("issued", issued.get())));
    // {ticket}: WeChat hands out this ticket from now on (a test's fixed value).
    router.post("/sandbox/mp/jsapi-ticket").handler(ctx -> {
      String given = body(ctx).getString("ticket", "");
      if (given.isBlank()) {
        SandboxHttp.error(ctx, "ticket is required");
      } else {
        ticket = given;
        ctx.response().setStatusCode(204).end();
      }
    });
  }

  private void getTicket(RoutingContext ctx) {
    String type = ctx.queryParams().get("type");
    if (!"jsapi".equals(type) && !"wx_card".equals(type)) {
      json(ctx, MpTokens.error(40097, "invalid args: type"));
      return;
    }
    issued.incrementAndGet();
    json(ctx, MpTokens.error(0, "ok").put("ticket", ticket).put("expires_in", MpTokens.LIFETIME_SECONDS));
  }

  private void verify(RoutingContext ctx) {
    JsonObject c;
    try {
      c = new JsonObject(ctx.body().asString());
    } catch (RuntimeException e) {
      c = new JsonObject();
    }
    String expected = sha1("jsapi_ticket=" + ticket + "&noncestr=" + c.getString("nonceStr", "")
        + "&timestamp=" + c.getValue("timestamp", "") + "&url=" + c.getString("url", ""));
    boolean ok = expected.equals(c.getString("signature")) && appId.equals(c.getString("appId"));
    ctx.response().putHeader("Access-Control-Allow-Origin", "*");
    json(ctx, ok ? new JsonObject().put("errMsg", "config:ok")
        : new JsonObject().put("errMsg", "config:invalid signature"));
  }

  static String sha1(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String newTicket() {
    return "sandbox" + SandboxCrypto.random(79);
  }
}
