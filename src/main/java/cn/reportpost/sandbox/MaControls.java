package cn.reportpost.sandbox;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** The /sandbox/miniapp controls: what the user's phone does inside the mini-program. */
final class MaControls {

  private final MaSandbox ma;
  private final MaShippingSandbox shipping;

  MaControls(MaSandbox ma, MaShippingSandbox shipping) {
    this.ma = ma;
    this.shipping = shipping;
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
    mountShipping(router);
  }

  private void mountShipping(Router router) {
    router.get("/sandbox/miniapp/consents").handler(ctx -> {
      String openid = ctx.queryParams().get("openid");
      String template = ctx.queryParams().get("templateId");
      if (openid == null || template == null) {
        error(ctx, "openid and templateId are required");
      } else {
        ok(ctx, new JsonObject().put("consents", ma.consentsLeft(openid, template)));
      }
    });
    // Test support: a product must never answer or log one of these.
    router.get("/sandbox/miniapp/session-keys").handler(ctx -> ctx.response()
        .putHeader("Content-Type", "application/json; charset=utf-8").end(new JsonArray(ma.sessionKeys()).encode()));
    router.get("/sandbox/miniapp/shipping/:outTradeNo").handler(ctx -> ok(ctx, shipping.shippingOf(ctx.pathParam("outTradeNo"))));
    router.get("/sandbox/miniapp/trade-management").handler(ctx -> ok(ctx, shipping.tradeManagement()));
    // {managed}: whether WeChat manages the merchant's trades (true at start).
    router.post("/sandbox/miniapp/trade-management").handler(ctx -> {
      JsonObject b = body(ctx);
      if (b == null || !(b.getValue("managed") instanceof Boolean managed)) {
        error(ctx, "managed (true or false) is required");
      } else {
        shipping.tradeManaged(managed);
        ok(ctx, shipping.tradeManagement());
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
