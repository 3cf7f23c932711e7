package cn.reportpost.sandbox;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static cn.reportpost.sandbox.SandboxHttp.json;

/** The official-account API: tokens, OAuth2, parametric QR codes, messages, menu. */
final class MpSandbox {

  /** Who an authorize without an openid parameter logs in as. */
  static final String DEMO_OPENID = "oDemoResident000000000000000";
  private static final Set<String> QR_ACTIONS = Set.of("QR_SCENE", "QR_STR_SCENE", "QR_LIMIT_SCENE", "QR_LIMIT_STR_SCENE");
  private static final long CODE_MILLIS = 300_000;

  private final Vertx vertx;
  private final SandboxSettings settings;
  private final MpTokens tokens;
  private final Map<String, JsonObject> codes = new ConcurrentHashMap<>();
  private final Map<String, JsonObject> tickets = new ConcurrentHashMap<>();
  private final List<JsonObject> sent = new CopyOnWriteArrayList<>();
  /** Users who stopped following the account: WeChat refuses them template and custom messages. */
  private final Set<String> unfollowed = ConcurrentHashMap.newKeySet();
  private volatile JsonObject menu = new JsonObject();

  MpSandbox(Vertx vertx, SandboxSettings settings) {
    this.vertx = vertx;
    this.settings = settings;
    this.tokens = new MpTokens(settings.appId(), settings.secret());
  }

  void mount(Router router) {
    router.get("/cgi-bin/token").handler(this::token);
    router.post("/cgi-bin/stable_token").handler(this::stableToken);
    router.get("/connect/oauth2/authorize").handler(this::authorize);
    router.get("/sns/oauth2/access_token").handler(this::oauthToken);
    router.get("/cgi-bin/showqrcode").handler(this::showQr);
    // Everything below needs the current access token, as at WeChat.
    router.route("/cgi-bin/*").handler(tokens::require);
    router.post("/cgi-bin/qrcode/create").handler(this::createQr);
    router.post("/cgi-bin/message/template/send").handler(ctx -> record(ctx, "template"));
    router.post("/cgi-bin/message/custom/send").handler(ctx -> record(ctx, "custom"));
    router.post("/cgi-bin/menu/create").handler(this::createMenu);
  }

  private void token(RoutingContext ctx) {
    if (!"client_credential".equals(ctx.queryParams().get("grant_type"))) {
      json(ctx, MpTokens.error(40002, "invalid grant_type"));
      return;
    }
    JsonObject error = tokens.credentialError(ctx.queryParams().get("appid"), ctx.queryParams().get("secret"));
    json(ctx, error != null ? error : tokens.issue());
  }

  private void stableToken(RoutingContext ctx) {
    JsonObject r = ctx.body().asJsonObject();
    JsonObject error = tokens.credentialError(r.getString("appid"), r.getString("secret"));
    json(ctx, error != null ? error : tokens.stable(r.getBoolean("force_refresh", false)));
  }

  /** The user consents at once; WeChat would show its page and then redirect the same way. */
  private void authorize(RoutingContext ctx) {
    String redirect = ctx.queryParams().get("redirect_uri");
    String scope = ctx.queryParams().get("scope");
    if (!settings.appId().equals(ctx.queryParams().get("appid")) || redirect == null || redirect.isBlank()
        || !"code".equals(ctx.queryParams().get("response_type"))
        || !("snsapi_base".equals(scope) || "snsapi_userinfo".equals(scope))) {
      ctx.response().setStatusCode(400).putHeader("Content-Type", "text/plain; charset=utf-8")
          .end("参数错误: appid, redirect_uri, response_type=code, scope=snsapi_base|snsapi_userinfo");
      return;
    }
    String openid = ctx.queryParams().get("openid");
    String code = SandboxCrypto.random(32);
    codes.put(code, new JsonObject().put("openid", openid == null || openid.isBlank() ? DEMO_OPENID : openid)
        .put("scope", scope).put("until", System.currentTimeMillis() + CODE_MILLIS));
    String state = ctx.queryParams().get("state") == null ? "" : ctx.queryParams().get("state");
    ctx.response().setStatusCode(302).putHeader("Location", redirect + (redirect.contains("?") ? "&" : "?")
        + "code=" + code + "&state=" + URLEncoder.encode(state, StandardCharsets.UTF_8)).end();
  }

  private void oauthToken(RoutingContext ctx) {
    JsonObject error = tokens.credentialError(ctx.queryParams().get("appid"), ctx.queryParams().get("secret"));
    String code = ctx.queryParams().get("code");
    JsonObject grant = error != null || code == null ? null : codes.remove(code); // a code works once
    if (error != null) {
      json(ctx, error);
    } else if (grant == null || grant.getLong("until") < System.currentTimeMillis()) {
      json(ctx, MpTokens.error(40029, "invalid code"));
    } else {
      json(ctx, new JsonObject().put("access_token", SandboxCrypto.random(64)).put("expires_in", 7200)
          .put("refresh_token", SandboxCrypto.random(64)).put("openid", grant.getString("openid"))
          .put("scope", grant.getString("scope")).put("is_snapshotuser", 0));
    }
  }

  private void createQr(RoutingContext ctx) {
    JsonObject r = ctx.body().asJsonObject();
    String action = r.getString("action_name", "");
    JsonObject scene = r.getJsonObject("action_info", new JsonObject()).getJsonObject("scene", new JsonObject());
    Object value = action.contains("STR") ? scene.getString("scene_str") : scene.getInteger("scene_id");
    if (!QR_ACTIONS.contains(action)) {
      json(ctx, MpTokens.error(40052, "invalid action name"));
    } else if (value == null || value.toString().isEmpty() || value.toString().length() > 64) {
      json(ctx, MpTokens.error(40097, "invalid args: scene"));
    } else {
      boolean permanent = action.startsWith("QR_LIMIT");
      String ticket = "gQ" + SandboxCrypto.random(60) + "==";
      String url = "http://weixin.qq.com/q/" + SandboxCrypto.random(22);
      JsonObject answer = new JsonObject().put("ticket", ticket).put("url", url);
      if (!permanent) {
        answer.put("expire_seconds", Math.min(r.getInteger("expire_seconds", 60), 2_592_000));
      }
      tickets.put(ticket, answer.copy().put("scene", value.toString()));
      json(ctx, answer);
    }
  }

  /** The QR picture, drawn off the event loop: image encoding takes a few milliseconds. */
  private void showQr(RoutingContext ctx) {
    JsonObject ticket = tickets.get(String.valueOf(ctx.queryParams().get("ticket")));
    if (ticket == null) {
      ctx.response().setStatusCode(404).end();
      return;
    }
    vertx.executeBlocking(() -> QrImage.png(ticket.getString("url"), 430)).onComplete(png -> {
      if (png.failed()) {
        ctx.fail(png.cause());
      } else {
        ctx.response().putHeader("Content-Type", "image/png").end(Buffer.buffer(png.result()));
      }
    });
  }

  private void record(RoutingContext ctx, String kind) {
    JsonObject r = ctx.body().asJsonObject();
    String openid = r.getString("touser", "");
    JsonObject dataProblem = kind.equals("template") ? MessageData.problem(r.getJsonObject("data")) : null;
    if (openid.isBlank()) {
      json(ctx, MpTokens.error(40003, "invalid openid"));
    } else if (kind.equals("template") && r.getString("template_id", "").isBlank()) {
      json(ctx, MpTokens.error(40037, "invalid template_id"));
    } else if (kind.equals("template") && dataProblem != null) {
      json(ctx, dataProblem);
    } else if (unfollowed.contains(openid)) {
      json(ctx, MpTokens.error(43004, "require subscribe"));
    } else if (kind.equals("custom") && !r.containsKey(r.getString("msgtype", "-"))) {
      json(ctx, MpTokens.error(40008, "invalid message type"));
    } else {
      json(ctx, MpTokens.error(0, "ok").put("msgid", recordSent(kind, openid, ctx.queryParams().get("access_token"), r)));
    }
  }

  private void createMenu(RoutingContext ctx) {
    JsonArray buttons = ctx.body().asJsonObject().getJsonArray("button", new JsonArray());
    boolean valid = !buttons.isEmpty() && buttons.size() <= 3 && buttons.stream().allMatch(b ->
        b instanceof JsonObject o && !o.getString("name", "").isBlank()
            && o.getJsonArray("sub_button", new JsonArray()).size() <= 5);
    if (!valid) {
      json(ctx, MpTokens.error(40016, "invalid button size"));
    } else {
      menu = ctx.body().asJsonObject();
      json(ctx, MpTokens.error(0, "ok"));
    }
  }

  /**
   * Keeps a message the product sent (template, custom or the mini-program's subscribe) with the
   * access token it came with; answers its msgid.
   */
  synchronized long recordSent(String kind, String openid, String accessToken, JsonObject message) {
    long msgid = 2_000_000_000L + sent.size();
    sent.add(new JsonObject().put("kind", kind).put("openid", openid).put("msgid", msgid).put("accessToken", accessToken)
        .put("message", message));
    return msgid;
  }

  /** The user follows the account again ({@code follows}) or stops following it. */
  void follows(String openid, boolean follows) {
    if (follows) {
      unfollowed.remove(openid);
    } else {
      unfollowed.add(openid);
    }
  }

  JsonArray sentTo(String openid) {
    return new JsonArray(sent.stream().filter(m -> openid == null || openid.equals(m.getString("openid"))).toList());
  }

  JsonObject menu() {
    return menu;
  }

  MpTokens tokens() {
    return tokens;
  }

  int tokensIssued() {
    return tokens.issued();
  }
}
