package cn.reportpost.sandbox;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** The /sandbox/miniapp controls: what the user's phone does inside the mini-program. */
final class MaControls {

  private final MaSandbox ma;

  MaControls(MaSandbox ma) {
    this.ma = ma;
  }

  void mount(Router router) {
    // {openid, unionid?, errcode?} -> {code}; errcode makes WeChat refuse that code (45011, 40226).
    router.post("/sandbox/miniapp/login").handler(ctx -> {
      JsonObject b = body(ctx);
      if (b == null || b.getString("openid", "").isBlank()) {
        error(ctx, "openid is required");
      } else {
        ok(ctx, new JsonObject().put("code", ma.login(b.getString("openid"), b.getString("unionid"), b.getInteger("errcode"))));
      }
    });
    router.post("/sandbox/miniapp/phone").handler(ctx -> {
      JsonObject b = body(ctx);
      if (b == null || b.getString("phoneNumber", "").isBlank()) {
        error(ctx, "phoneNumber is required");
      } else {
        ok(ctx, new JsonObject().put("code", ma.phoneCode(b.getString("phoneNumber"))));
      }
    });
    router.post("/sandbox/miniapp/subscribe").handler(ctx -> {
      JsonObject b = body(ctx);
      if (b == null || b.getString("openid", "").isBlank() || b.getString("templateId", "").isBlank()
          || b.getInteger("count", 0) < 1) {
        error(ctx, "openid, templateId and a positive count are required");
      } else {
        ok(ctx, new JsonObject().put("consents", ma.subscribe(b.getString("openid"), b.getString("templateId"),
            b.getInteger("count"))));
      }
    });
  }

  private static JsonObject body(RoutingContext ctx) {
    try {
      return ctx.body().asJsonObject();
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static void ok(RoutingContext ctx, JsonObject answer) {
    ctx.response().putHeader("Content-Type", "application/json; charset=utf-8").end(answer.encode());
  }

  private static void error(RoutingContext ctx, String message) {
    ctx.response().setStatusCode(400).putHeader("Content-Type", "application/json; charset=utf-8")
        .end(new JsonObject().put("error", message).encode());
  }
}
