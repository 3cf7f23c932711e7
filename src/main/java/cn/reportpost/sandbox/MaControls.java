package cn.reportpost.sandbox;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

import static cn.reportpost.sandbox.SandboxHttp.body;
import static cn.reportpost.sandbox.SandboxHttp.error;
import static cn.reportpost.sandbox.SandboxHttp.json;

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
      if (b.getString("openid", "").isBlank()) {
        error(ctx, "openid is required");
      } else {
        json(ctx, new JsonObject().put("code", ma.login(b.getString("openid"), b.getString("unionid"), b.getInteger("errcode"))));
      }
    });
    router.post("/sandbox/miniapp/phone").handler(ctx -> {
      JsonObject b = body(ctx);
      if (b.getString("phoneNumber", "").isBlank()) {
        error(ctx, "phoneNumber is required");
      } else {
        json(ctx, new JsonObject().put("code", ma.phoneCode(b.getString("phoneNumber"))));
      }
    });
    router.post("/sandbox/miniapp/subscribe").handler(ctx -> {
      JsonObject b = body(ctx);
      if (b.getString("openid", "").isBlank() || b.getString("templateId", "").isBlank()
          || b.getInteger("count", 0) < 1) {
        error(ctx, "openid, templateId and a positive count are required");
      } else {
        json(ctx, new JsonObject().put("consents", ma.subscribe(b.getString("openid"), b.getString("templateId"),
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
        json(ctx, new JsonObject().put("consents", ma.consentsLeft(openid, template)));
      }
    });
    // Test support: a product must never answer or log one of these.
    router.get("/sandbox/miniapp/session-keys").handler(ctx -> json(ctx, 200, new JsonArray(ma.sessionKeys())));
    router.get("/sandbox/miniapp/shipping/:outTradeNo").handler(ctx -> json(ctx, shipping.shippingOf(ctx.pathParam("outTradeNo"))));
    router.get("/sandbox/miniapp/trade-management").handler(ctx -> json(ctx, shipping.tradeManagement()));
    // {managed}: whether WeChat manages the merchant's trades (true at start).
    router.post("/sandbox/miniapp/trade-management").handler(ctx -> {
      JsonObject b = body(ctx);
      if (!(b.getValue("managed") instanceof Boolean managed)) {
        error(ctx, "managed (true or false) is required");
      } else {
        shipping.tradeManaged(managed);
        json(ctx, shipping.tradeManagement());
      }
    });
  }
}
