package cn.reportpost.sandbox;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import static cn.reportpost.sandbox.SandboxHttp.body;
import static cn.reportpost.sandbox.SandboxHttp.error;
import static cn.reportpost.sandbox.SandboxHttp.json;

/** The /sandbox controls of PRODUCT.md §4: what a user's phone (or a tester) would do to WeChat. */
final class Controls {

  private final PaySandbox pay;
  private final MpSandbox mp;
  private final Faults faults;
  private final Notifier notifier;
  private final MpCallback callback;

  Controls(PaySandbox pay, MpSandbox mp, Faults faults, Notifier notifier, MpCallback callback) {
    this.pay = pay;
    this.mp = mp;
    this.faults = faults;
    this.notifier = notifier;
    this.callback = callback;
  }

  void mount(Router router) {
    router.post("/sandbox/pay/:outTradeNo/succeed").handler(this::paySucceed);
    router.get("/sandbox/pay/queries").handler(ctx -> json(ctx, 200, new JsonArray(pay.queries())));
    router.get("/sandbox/pay/notifies").handler(ctx -> json(ctx, 200, new JsonArray(notifier.deliveries())));
    router.post("/sandbox/refunds/:outRefundNo/succeed").handler(ctx ->
        done(ctx, pay.completeRefund(ctx.pathParam("outRefundNo"))));
    // ?status=ABNORMAL|CLOSED: WeChat ends the refund without paying it back.
    router.post("/sandbox/refunds/:outRefundNo/fail").handler(ctx ->
        done(ctx, pay.endRefund(ctx.pathParam("outRefundNo"), ctx.queryParams().get("status"))));
    // {refund}: a signed notify about this refund that says another amount was refunded.
    router.post("/sandbox/refunds/:outRefundNo/notify").handler(ctx -> {
      JsonObject refund = pay.refund(ctx.pathParam("outRefundNo"));
      if (refund == null || !(body(ctx).getValue("refund") instanceof Integer fen)) {
        done(ctx, "needs an existing refund and {refund: fen}");
      } else {
        pay.notifyRefund(pay.refundNotifyUrl(ctx.pathParam("outRefundNo")), refund.copy().put("status", "SUCCESS"), fen);
        done(ctx, null);
      }
    });
    router.post("/sandbox/mp/messages").handler(this::userMessage);
    router.get("/sandbox/mp/sent").handler(ctx -> json(ctx, 200, mp.sentTo(ctx.queryParams().get("openid"))));
    // {openid, follows}: the user follows the account again, or stops following (template messages then get 43004).
    router.post("/sandbox/mp/follow").handler(ctx -> {
      JsonObject b = body(ctx);
      if (b.getString("openid", "").isBlank() || !(b.getValue("follows") instanceof Boolean follows)) {
        done(ctx, "openid and follows (true or false) are required");
      } else {
        mp.follows(b.getString("openid"), follows);
        done(ctx, null);
      }
    });
    router.get("/sandbox/mp/menu").handler(ctx -> json(ctx, 200, mp.menu()));
    router.get("/sandbox/mp/tokens").handler(ctx -> json(ctx, 200, new JsonObject().put("issued", mp.tokensIssued())));
    router.post("/sandbox/mp/tokens/revoke").handler(ctx -> {
      mp.tokens().revokeAll();
      done(ctx, null);
    });
    router.post("/sandbox/faults").handler(ctx -> done(ctx, faults.add(body(ctx))));
    router.get("/sandbox/calls").handler(ctx -> json(ctx, 200, faults.calls()));
    router.get("/sandbox/refunds").handler(ctx -> json(ctx, 200,
        new JsonObject().put("refunds", pay.refundsOf(ctx.queryParams().get("outTradeNo")))));
    // The cashier page stands in for WeChat's payment sheet outside WeChat (dev mode's H5 pages).
    router.get("/sandbox/cashier").handler(ctx -> ctx.response().putHeader("Content-Type", "text/html; charset=utf-8")
        .sendFile("sandbox/cashier.html"));
    router.get("/sandbox/cashier.js").handler(ctx -> ctx.response()
        .putHeader("Content-Type", "text/javascript; charset=utf-8").sendFile("sandbox/cashier.js"));
    router.get("/sandbox/pay/:outTradeNo").handler(ctx -> {
      JsonObject order = pay.cashier(ctx.pathParam("outTradeNo"));
      if (order == null) {
        json(ctx, 404, new JsonObject().put("error", "WeChat Pay has no order " + ctx.pathParam("outTradeNo")));
      } else {
        json(ctx, 200, order);
      }
    });
  }

  /** ?notify=false pays without notifying (a lost notify); ?times=N notifies N times. */
  private void paySucceed(RoutingContext ctx) {
    boolean notify = !"false".equals(ctx.queryParams().get("notify"));
    int times;
    try {
      times = notify ? Integer.parseInt(ctx.queryParams().get("times") == null ? "1" : ctx.queryParams().get("times")) : 0;
    } catch (NumberFormatException e) {
      done(ctx, "times must be a number");
      return;
    }
    done(ctx, pay.pay(ctx.pathParam("outTradeNo"), Math.max(times, 0)));
  }

  private void userMessage(RoutingContext ctx) {
    JsonObject m = body(ctx);
    if (m.getString("openid", "").isBlank()) {
      done(ctx, "openid is required");
      return;
    }
    if (m.containsKey("times") && !(m.getValue("times") instanceof Integer times && times >= 1 && times <= 4)) {
      done(ctx, "times must be 1 to 4 (WeChat sends a callback once and retries it three times)");
      return;
    }
    callback.deliver(m).onComplete(ar -> {
      if (ar.succeeded()) {
        json(ctx, 200, ar.result());
      } else {
        json(ctx, 502, new JsonObject().put("error", "the product's callback failed: " + ar.cause().getMessage()));
      }
    });
  }

  /** 204 when {@code error} is null, else 400 naming the problem. */
  private static void done(RoutingContext ctx, String error) {
    if (error == null) {
      ctx.response().setStatusCode(204).end();
    } else {
      error(ctx, error);
    }
  }
}
