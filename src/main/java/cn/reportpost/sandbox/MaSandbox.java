package cn.reportpost.sandbox;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static cn.reportpost.sandbox.SandboxHttp.json;

/**
 * The mini-program API: its own access tokens, code2session and getuserphonenumber, plus what the
 * user's phone does (wx.login, the phone-number button, subscribe prompts) for the controls.
 */
final class MaSandbox {

  private static final long CODE_MILLIS = 300_000;

  private static final Set<String> STATES = Set.of("developer", "trial", "formal");

  private final SandboxSettings settings;
  private final MpTokens tokens;
  private final MpSandbox sent;
  /** wx.login codes: the user they stand for, or the error WeChat will answer instead. */
  private final Map<String, JsonObject> loginCodes = new ConcurrentHashMap<>();
  private final Map<String, JsonObject> phoneCodes = new ConcurrentHashMap<>();
  /** Every session_key handed out, so tests can prove none leaves the product. */
  private final List<String> sessionKeys = new CopyOnWriteArrayList<>();
  /** Subscribe-message consents left, by openid + "/" + template id. */
  private final Map<String, Integer> consents = new ConcurrentHashMap<>();

  /** {@code sent}: where subscribe messages are recorded, beside the official account's messages. */
  MaSandbox(SandboxSettings settings, MpSandbox sent) {
    this.settings = settings;
    this.sent = sent;
    this.tokens = new MpTokens(settings.maAppId(), settings.maSecret());
  }

  /** Mounted before the official account's routes: token calls for the mini-program's appid land here. */
  void mount(Router router) {
    router.get("/cgi-bin/token").handler(this::token);
    router.post("/cgi-bin/stable_token").handler(this::stableToken);
    router.get("/sns/jscode2session").handler(this::jscode2session);
    // Every /wxa path (here, shipping and codes, mounted after this) needs the current token.
    router.route("/wxa/*").handler(tokens::require);
    router.post("/wxa/business/getuserphonenumber").handler(this::phoneNumber);
    router.post("/cgi-bin/message/subscribe/send").handler(tokens::require).handler(this::subscribeSend);
  }

  /** One consent, one message: a send without a consent left is refused with 43101. */
  private void subscribeSend(RoutingContext ctx) {
    JsonObject error = null;
    JsonObject r = ctx.body().asJsonObject();
    if (r == null) {
      error = MpTokens.error(47001, "data format error");
    }
    String openid = r == null ? "" : r.getString("touser", "");
    String template = r == null ? "" : r.getString("template_id", "");
    if (error == null && openid.isBlank()) {
      error = MpTokens.error(40003, "invalid openid");
    } else if (error == null && template.isBlank()) {
      error = MpTokens.error(40037, "invalid template_id");
    } else if (error == null && !STATES.contains(r.getString("miniprogram_state", "formal"))) {
      error = MpTokens.error(47003, "argument invalid! miniprogram_state");
    } else if (error == null) {
      error = MessageData.problem(r.getJsonObject("data"));
    }
    if (error == null && !spend(openid, template)) {
      error = MpTokens.error(43101, "user refuse to accept the msg");
    }
    if (error != null) {
      json(ctx, error);
    } else {
      json(ctx, MpTokens.error(0, "ok").put("msgid", sent.recordSent("subscribe", openid, ctx.queryParams().get("access_token"), r)));
    }
  }

  private boolean spend(String openid, String templateId) {
    boolean[] spent = {false};
    consents.computeIfPresent(openid + "/" + templateId, (k, left) -> {
      spent[0] = true;
      return left > 1 ? left - 1 : null;
    });
    return spent[0];
  }

  /** Every session_key handed out since the sandbox started. */
  List<String> sessionKeys() {
    return sessionKeys;
  }

  /** Consents the user has left for a template, as WeChat counts them. */
  int consentsLeft(String openid, String templateId) {
    return consents.getOrDefault(openid + "/" + templateId, 0);
  }

  private void token(RoutingContext ctx) {
    if (!settings.maAppId().equals(ctx.queryParams().get("appid"))) {
      ctx.next();
    } else if (!"client_credential".equals(ctx.queryParams().get("grant_type"))) {
      json(ctx, MpTokens.error(40002, "invalid grant_type"));
    } else {
      JsonObject error = tokens.credentialError(ctx.queryParams().get("appid"), ctx.queryParams().get("secret"));
      json(ctx, error != null ? error : tokens.issue());
    }
  }

  private void stableToken(RoutingContext ctx) {
    JsonObject r = ctx.body().asJsonObject();
    if (r == null || !settings.maAppId().equals(r.getString("appid"))) {
      ctx.next();
      return;
    }
    JsonObject error = tokens.credentialError(r.getString("appid"), r.getString("secret"));
    json(ctx, error != null ? error : tokens.stable(r.getBoolean("force_refresh", false)));
  }

  /** WxJava appends an access_token to this call; WeChat ignores it, and so does the sandbox. */
  private void jscode2session(RoutingContext ctx) {
    JsonObject error = tokens.credentialError(ctx.queryParams().get("appid"), ctx.queryParams().get("secret"));
    String code = ctx.queryParams().get("js_code");
    JsonObject login = error != null || code == null ? null : loginCodes.remove(code); // a code works once
    if (error != null) {
      json(ctx, error);
    } else if (!"authorization_code".equals(ctx.queryParams().get("grant_type"))) {
      json(ctx, MpTokens.error(40002, "invalid grant_type"));
    } else if (login == null || login.getLong("until") < System.currentTimeMillis()) {
      json(ctx, MpTokens.error(40029, "invalid code"));
    } else if (login.containsKey("errcode")) {
      json(ctx, MpTokens.error(login.getInteger("errcode"), "rejected by the sandbox control"));
    } else {
      String sessionKey = SandboxCrypto.random(24);
      sessionKeys.add(sessionKey);
      JsonObject answer = new JsonObject().put("openid", login.getString("openid")).put("session_key", sessionKey);
      if (login.getString("unionid") != null) {
        answer.put("unionid", login.getString("unionid"));
      }
      json(ctx, answer);
    }
  }

  private void phoneNumber(RoutingContext ctx) {
    JsonObject body = ctx.body().asJsonObject();
    JsonObject phone = body == null ? null : phoneCodes.remove(body.getString("code", ""));
    if (phone == null) {
      json(ctx, MpTokens.error(40029, "invalid code"));
    } else {
      String number = phone.getString("phoneNumber");
      json(ctx, MpTokens.error(0, "ok").put("phone_info", new JsonObject().put("phoneNumber", number)
          .put("purePhoneNumber", number).put("countryCode", "86").put("watermark",
              new JsonObject().put("timestamp", System.currentTimeMillis() / 1000).put("appid", settings.maAppId()))));
    }
  }

  /** wx.login on the user's phone; {@code errcode} makes WeChat refuse the code (45011, 40226). */
  String login(String openid, String unionid, Integer errcode) {
    String code = SandboxCrypto.random(32);
    JsonObject login = new JsonObject().put("openid", openid).put("until", System.currentTimeMillis() + CODE_MILLIS);
    if (unionid != null && !unionid.isBlank()) {
      login.put("unionid", unionid);
    }
    if (errcode != null) {
      login.put("errcode", errcode);
    }
    loginCodes.put(code, login);
    return code;
  }

  /** The user taps the getPhoneNumber button and agrees. */
  String phoneCode(String phoneNumber) {
    String code = SandboxCrypto.random(32);
    phoneCodes.put(code, new JsonObject().put("phoneNumber", phoneNumber));
    return code;
  }

  /** The user accepts a subscribe prompt {@code count} times: one consent, one send. */
  int subscribe(String openid, String templateId, int count) {
    return consents.merge(openid + "/" + templateId, count, Integer::sum);
  }
}
