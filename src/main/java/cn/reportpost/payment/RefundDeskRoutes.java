package cn.reportpost.payment;

import cn.reportpost.api.BodyReader;
import cn.reportpost.http.JsonBody;
import cn.reportpost.http.RequestRules;
import cn.reportpost.staff.StaffAuth;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.Map;

/** The refund desk's routes, for OPS and ADMIN. */
public final class RefundDeskRoutes {

  private final RefundDesk desk;
  private final StaffAuth auth;

  public RefundDeskRoutes(RefundDesk desk, StaffAuth auth) {
    this.desk = desk;
    this.auth = auth;
  }

  public void mount(Router router) {
    router.get("/api/v1/ops/refunds").handler(auth.require("OPS", "ADMIN"))
        .handler(ctx -> desk.stuck(ctx.request().getParam("cursor")).onSuccess(ctx::json).onFailure(ctx::fail));
    router.get("/api/v1/ops/orders/:orderNo/refunds").handler(auth.require("OPS", "ADMIN"))
        .handler(ctx -> desk.ofOrder(ctx.pathParam("orderNo")).onSuccess(ctx::json).onFailure(ctx::fail));
    router.post("/api/v1/ops/orders/:orderNo/refunds").handler(auth.require("OPS", "ADMIN")).handler(RequestRules.json())
        .handler(this::refund);
    router.post("/api/v1/ops/refunds/:refundNo/retry").handler(auth.require("OPS", "ADMIN"))
        .handler(ctx -> desk.retry(StaffAuth.actor(ctx), ctx.pathParam("refundNo")).onSuccess(ctx::json).onFailure(ctx::fail));
    router.post("/api/v1/ops/refunds/:refundNo/offline").handler(auth.require("OPS", "ADMIN")).handler(RequestRules.json())
        .handler(this::offline);
  }

  private void refund(RoutingContext ctx) {
    BodyReader in = new BodyReader();
    Map<String, Object> body = JsonBody.fields(ctx);
    Long amount = in.wholeNumber(body, "amountFen", "amountFen");
    if (amount != null && (amount <= 0 || amount > 1_000_000)) {
      in.fail("amountFen", "must be between 1 and 1000000 fen");
    }
    String reason = in.text(body, "reason", "reason", 2, 80);
    in.check();
    desk.refund(StaffAuth.actor(ctx), ctx.pathParam("orderNo"), amount == null ? null : amount.intValue(), reason, null)
        .onSuccess(refund -> ctx.response().setStatusCode(201).end(refund.toBuffer()))
        .onFailure(ctx::fail);
  }

  private void offline(RoutingContext ctx) {
    BodyReader in = new BodyReader();
    String note = in.text(JsonBody.fields(ctx), "note", "note", 2, 500);
    in.check();
    desk.offline(StaffAuth.actor(ctx), ctx.pathParam("refundNo"), note).onSuccess(ctx::json).onFailure(ctx::fail);
  }
}
