package cn.reportpost.handover;

import cn.reportpost.api.BodyReader;
import cn.reportpost.catalog.Catalog;
import cn.reportpost.http.JsonBody;
import cn.reportpost.api.ProblemException;
import cn.reportpost.audit.AuditLog;
import cn.reportpost.http.RequestRules;
import cn.reportpost.order.model.OrderStatus;
import cn.reportpost.privacy.PersonalData;
import cn.reportpost.staff.StaffAuth;
import cn.reportpost.staff.StaffUser;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.List;

/** Staff routes of the site side and of handovers (PRODUCT.md §3, staff table). */
public final class HandoverRoutes {

  private static final int MAX_BATCH = 500;

  private final HandoverService handovers;
  private final StaffAuth auth;
  private final AuditLog audit;
  private final Catalog catalog;
  private final PersonalData personal;

  public HandoverRoutes(HandoverService handovers, StaffAuth auth, AuditLog audit,
      Catalog catalog, PersonalData personal) {
    this.handovers = handovers;
    this.auth = auth;
    this.audit = audit;
    this.catalog = catalog;
    this.personal = personal;
  }

  public void mount(Router router) {
    router.get("/api/v1/staff/orders").handler(auth.require()).handler(this::list);
    router.post("/api/v1/staff/orders/:orderNo/ready").handler(auth.require("SITE_STAFF")).handler(ctx -> {
      StaffUser user = StaffAuth.session(ctx).user();
      String orderNo = ctx.pathParam("orderNo");
      handovers.ready(user, orderNo)
          .compose(o -> audit.record(StaffAuth.actor(ctx), "order.ready", orderNo, "").map(status(orderNo, o.status())))
          .onSuccess(ctx::json).onFailure(ctx::fail);
    });
    router.post("/api/v1/staff/orders/:orderNo/unavailable")
        .handler(auth.require("SITE_STAFF")).handler(RequestRules.json()).handler(this::unavailable);
    router.post("/api/v1/staff/handovers").handler(auth.require("SITE_STAFF")).handler(RequestRules.json()).handler(this::open);
    router.get("/api/v1/staff/handovers").handler(auth.require("SITE_STAFF", "COURIER", "OPS", "ADMIN")).handler(ctx ->
        handovers.batchesInScope(StaffAuth.session(ctx).user(), statusParam(ctx, List.of("OPEN", "CONFIRMED")))
            .onSuccess(list -> ctx.json(new JsonArray(list.stream().map(HandoverBatch::toJson).toList())))
            .onFailure(ctx::fail));
    router.get("/api/v1/staff/handovers/:handoverNo").handler(auth.require()).handler(ctx ->
        handovers.batch(StaffAuth.session(ctx).user(), ctx.pathParam("handoverNo"))
            .onSuccess(b -> ctx.json(b.toJson())).onFailure(ctx::fail));
    router.post("/api/v1/staff/handovers/:handoverNo/confirm")
        .handler(auth.require("COURIER")).handler(RequestRules.json()).handler(this::confirm);
  }

  private void list(RoutingContext ctx) {
    StaffUser user = StaffAuth.session(ctx).user();
    List<String> statuses = java.util.Arrays.stream(OrderStatus.values()).map(Enum::name).toList();
    String status = statusParam(ctx, statuses);
    catalog.snapshot().compose(snapshot -> handovers.ordersInScope(user, status)
            .map(list -> new JsonArray(list.stream().map(o -> StaffOrderView.of(o, snapshot, personal, user)).toList())))
        .onSuccess(ctx::json).onFailure(ctx::fail);
  }

  private void unavailable(RoutingContext ctx) {
    StaffUser user = StaffAuth.session(ctx).user();
    String orderNo = ctx.pathParam("orderNo");
    BodyReader in = new BodyReader();
    String why = in.text(JsonBody.fields(ctx), "reason", "reason", 1, 200);
    in.check();
    // The refund follows after commit, through the outbox.
    handovers.unavailable(user, orderNo, why)
        .compose(o -> audit.record(StaffAuth.actor(ctx), "order.unavailable", orderNo, why).map(status(orderNo, o.status())))
        .onSuccess(ctx::json).onFailure(ctx::fail);
  }

  private void open(RoutingContext ctx) {
    StaffUser user = StaffAuth.session(ctx).user();
    List<String> orderNos = stringList(ctx, "orderNos");
    handovers.open(user, orderNos)
        .compose(b -> audit.record(StaffAuth.actor(ctx), "handover.open", b.handoverNo(), String.join(",", b.orderNos())).map(b))
        .onSuccess(b -> ctx.response().setStatusCode(201).putHeader("Content-Type", "application/json").end(b.toJson().encode()))
        .onFailure(ctx::fail);
  }

  private void confirm(RoutingContext ctx) {
    StaffUser user = StaffAuth.session(ctx).user();
    String handoverNo = ctx.pathParam("handoverNo");
    List<String> received = stringList(ctx, "received");
    handovers.confirm(user, handoverNo, received)
        .compose(b -> audit.record(StaffAuth.actor(ctx), "handover.confirm", handoverNo,
            "received " + b.received().size() + ", missing " + String.join(",", b.missing())).map(b))
        .onSuccess(b -> ctx.json(b.toJson())).onFailure(ctx::fail);
  }

  private static JsonObject status(String orderNo, OrderStatus status) {
    return new JsonObject().put("orderNo", orderNo).put("status", status.name());
  }

  private static String statusParam(RoutingContext ctx, List<String> allowed) {
    String status = ctx.request().getParam("status");
    if (status != null && !allowed.contains(status)) {
      throw ProblemException.invalid("status", "must be one of " + String.join(", ", allowed));
    }
    return status;
  }

  /** A required array of 1–500 order numbers. */
  static List<String> stringList(RoutingContext ctx, String field) {
    BodyReader in = new BodyReader();
    List<String> values = in.texts(JsonBody.fields(ctx), field, field, 1, MAX_BATCH, 32);
    in.check();
    return values;
  }
}
