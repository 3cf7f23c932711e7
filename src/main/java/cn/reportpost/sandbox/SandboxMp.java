package cn.reportpost.sandbox;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The official account's API as WeChat runs it: access tokens (checked on every call), OAuth2
 * with instant consent standing in for the resident's phone, and the messages the product sends.
 */
final class SandboxMp {

  static final String DEMO_OPENID = "oDemoResident000000000000000";
  private static final long TOKEN_SECONDS = 7200;

  private final SandboxKeys keys;
  private final Faults faults;
  private final Map<String, String> codes = new HashMap<>();
  private final List<JsonObject> sent = new ArrayList<>();
  private final AtomicInteger tokensIssued = new AtomicInteger();
  private final AtomicLong msgIds = new AtomicLong(2_000_000_000L);
  private String token;
  private long tokenExpiresAt;

  SandboxMp(SandboxKeys keys, Faults faults) {
    this.keys = keys;
    this.faults = faults;
  }

  void mount(Router router) {
    router.get("/cgi-bin/token").handler(ctx -> issueToken(ctx, ctx.request().getParam("appid"),
        ctx.request().getParam("secret"), false));
    router.post("/cgi-bin/stable_token").handler(ctx -> {
      JsonObject body = ctx.body().asJsonObject();
      issueToken(ctx, body.getString("appid"), body.getString("secret"), body.getBoolean("force_refresh", false));
    });
    router.get("/connect/oauth2/authorize").handler(this::authorize);
    router.get("/sns/oauth2/access_token").handler(this::oauthAccessToken);
    router.post("/cgi-bin/message/template/send").handler(ctx -> record(ctx, "template"));
    router.post("/cgi-bin/message/custom/send").handler(ctx -> record(ctx, "custom"));
    router.post("/cgi-bin/message/subscribe/bizsend").handler(ctx -> record(ctx, "subscribe"));
    router.get("/sandbox/mp/sent").handler(ctx -> {
      String openid = ctx.request().getParam("openid");
      JsonArray list = new JsonArray();
      sent.stream().filter(m -> openid == null || openid.equals(m.getString("touser"))).forEach(list::add);
      ctx.json(list);
    });
    router.get("/sandbox/stats").handler(ctx -> ctx.json(new JsonObject().put("tokensIssued", tokensIssued.get())));
  }

  private void issueToken(RoutingContext ctx, String appId, String secret, boolean force) {
    if (fault(ctx, "token")) {
      return;
    }
    if (!keys.mpAppId().equals(appId)) {
      ctx.json(error(40013, "invalid appid"));
      return;
    }
    if (!keys.mpSecret().equals(secret)) {
      ctx.json(error(40125, "invalid appsecret"));
      return;
    }
    long now = System.currentTimeMillis();
    if (force || token == null || now >= tokenExpiresAt) {
      token = "SANDBOX_TOKEN_" + UUID.randomUUID().toString().replace("-", "");
      tokenExpiresAt = now + TOKEN_SECONDS * 1000;
      tokensIssued.incrementAndGet();
    }
    ctx.json(new JsonObject().put("access_token", token).put("expires_in", (tokenExpiresAt - now) / 1000));
  }

  /** WeChat's consent page, answered at once as the resident (or the demo resident). */
  private void authorize(RoutingContext ctx) {
    String redirect = ctx.request().getParam("redirect_uri");
    if (!keys.mpAppId().equals(ctx.request().getParam("appid")) || redirect == null) {
      ctx.response().setStatusCode(400).end("appid or redirect_uri is wrong");
      return;
    }
    String openid = ctx.request().getParam("openid", DEMO_OPENID);
    String code = "code" + UUID.randomUUID().toString().replace("-", "");
    codes.put(code, openid);
    String state = ctx.request().getParam("state", "");
    ctx.redirect(redirect + (redirect.contains("?") ? "&" : "?") + "code=" + code + "&state="
        + URLEncoder.encode(state, StandardCharsets.UTF_8));
  }

  private void oauthAccessToken(RoutingContext ctx) {
    if (fault(ctx, "oauth")) {
      return;
    }
    if (!keys.mpAppId().equals(ctx.request().getParam("appid")) || !keys.mpSecret().equals(ctx.request().getParam("secret"))) {
      ctx.json(error(40125, "invalid appsecret"));
      return;
    }
    String openid = codes.remove(ctx.request().getParam("code", ""));
    if (openid == null) {
      ctx.json(error(40029, "invalid code"));
      return;
    }
    ctx.json(new JsonObject().put("access_token", "OAUTH_" + UUID.randomUUID()).put("expires_in", 7200)
        .put("refresh_token", "REFRESH_" + UUID.randomUUID()).put("openid", openid).put("scope", "snsapi_base"));
  }

  private void record(RoutingContext ctx, String kind) {
    if (fault(ctx, kind)) {
      return;
    }
    if (token == null || !token.equals(ctx.request().getParam("access_token"))) {
      ctx.json(error(40001, "invalid credential, access_token is invalid or not latest"));
      return;
    }
    long msgid = msgIds.incrementAndGet();
    sent.add(ctx.body().asJsonObject().copy().put("kind", kind).put("msgid", msgid));
    ctx.json(new JsonObject().put("errcode", 0).put("errmsg", "ok").put("msgid", msgid));
  }

  /** Armed faults on the official-account side: a 500, no answer, or a system-busy error. */
  private boolean fault(RoutingContext ctx, String api) {
    Faults.Mode mode = faults.take(api);
    if (mode == null) {
      return false;
    }
    switch (mode) {
      case HTTP500 -> ctx.response().setStatusCode(500).end("system error");
      case TIMEOUT -> { /* never answer: the caller's read timeout must fire */ }
      case BAD_SIGNATURE -> ctx.json(error(-1, "system error"));
    }
    return true;
  }

  private static JsonObject error(int code, String message) {
    return new JsonObject().put("errcode", code).put("errmsg", message);
  }

  /** Forgets the current token, as WeChat does when it is renewed elsewhere; the next call answers 40001. */
  void expireToken() {
    token = null;
  }
}
