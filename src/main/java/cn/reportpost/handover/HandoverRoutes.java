package cn.reportpost.handover;

import cn.reportpost.api.BodyReader;
import cn.reportpost.catalog.Catalog;
import cn.reportpost.http.JsonBody;
import cn.reportpost.api.ProblemException;
import cn.reportpost.audit.AuditLog;
import cn.reportpost.http.RequestRules;
import cn.reportpost.http.PageCursor;
import cn.reportpost.order.QueueQuery;
import cn.reportpost.order.QueuedOrder;
import cn.reportpost.order.StoredOrder;
import cn.reportpost.order.model.OrderStatus;
import cn.reportpost.privacy.PersonalData;
import cn.reportpost.staff.StaffAuth;
import cn.reportpost.staff.StaffUser;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.List;
import java.util.regex.Pattern;

/** Staff routes of the site side and of handovers (PRODUCT.md §3, staff table). */
public final class HandoverRoutes {

  private static final int MAX_BATCH = 500;
  private static final int DEFAULT_PAGE = 50;
  private static final int MAX_PAGE = 200;
  private static final Pattern PHONE_TAIL = Pattern.compile("[0-9]{4}");
  private static final Pattern ORDER_NO_PART = Pattern.compile("[A-Za-z0-9]{2,32}");

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
        handovers.batchesInScope(StaffAuth.session(ctx).user(), ctx.request().getParam("site"),
                statusParam(ctx, List.of("OPEN", "CONFIRMED", "CANCELLED")))
            .onSuccess(list -> ctx.json(new JsonArray(list.stream().map(HandoverBatch::toJson).toList())))
            .onFailure(ctx::fail));
    router.get("/api/v1/staff/handovers/:handoverNo").handler(auth.require()).handler(ctx ->
        handovers.batch(StaffAuth.session(ctx).user(), ctx.pathParam("handoverNo"))
            .onSuccess(b -> ctx.json(b.toJson())).onFailure(ctx::fail));
    router.put("/api/v1/staff/handovers/:handoverNo").handler(auth.require("SITE_STAFF")).handler(RequestRules.json())
        .handler(this::replace);
    router.delete("/api/v1/staff/handovers/:handoverNo").handler(auth.require("SITE_STAFF")).handler(ctx -> {
      String handoverNo = ctx.pathParam("handoverNo");
      handovers.cancel(StaffAuth.session(ctx).user(), handoverNo)
          .compose(b -> audit.record(StaffAuth.actor(ctx), "handover.cancel", handoverNo, String.join(",", b.orderNos())).map(b))
          .onSuccess(b -> ctx.json(b.toJson())).onFailure(ctx::fail);
    });
    router.post("/api/v1/staff/handovers/:handoverNo/confirm")
        .handler(auth.require("COURIER")).handler(RequestRules.json()).handler(this::confirm);
  }

  /** A page of the scope's orders, oldest first; {@code nextCursor} is null on the last page. */
  private void list(RoutingContext ctx) {
    StaffUser user = StaffAuth.session(ctx).user();
    List<String> statuses = java.util.Arrays.stream(OrderStatus.values()).map(Enum::name).toList();
    String status = statusParam(ctx, statuses);
    int limit = limitParam(ctx);
    PageCursor cursor = PageCursor.decode(ctx.request().getParam("cursor"));
    QueueQuery.Position after = cursor == null ? null : new QueueQuery.Position(cursor.at(), cursor.key());
    QueueQuery.Search search = search(ctx.request().getParam("q"));
    String site = ctx.request().getParam("site");
    if (site != null && !user.hasRole("OPS", "ADMIN")) {
      throw new ProblemException(403, "Forbidden", "只有运营和管理员可以查看其他采样点");
    }
    // One row more than asked for tells whether another page follows, so the last page says so itself.
    catalog.snapshot().compose(snapshot -> handovers.queue(user, site, status, search, after, limit + 1).map(rows -> {
          List<QueuedOrder> page = rows.subList(0, Math.min(limit, rows.size()));
          JsonArray items = new JsonArray(page.stream().map(o -> StaffOrderView.of(o, snapshot, personal, user)).toList());
          StoredOrder last = page.isEmpty() ? null : page.get(page.size() - 1).order();
          String next = rows.size() <= limit ? null
              : new PageCursor(last.createdAt(), last.orderNo()).encode();
          return new JsonObject().put("items", items).put("nextCursor", next);
        }))
        .onSuccess(ctx::json).onFailure(ctx::fail);
  }

  /**
   * What the user typed: four digits are the end of a phone number, letters and digits the start
   * of an order number, anything else a patient's name (all compared without opening personal data).
   */
  private QueueQuery.Search search(String raw) {
    String q = raw == null ? "" : raw.strip();
    if (q.isEmpty()) {
      return null;
    }
    if (q.length() > 32) {
      throw ProblemException.invalid("q", "最多 32 个字符");
    }
    if (PHONE_TAIL.matcher(q).matches()) {
      return new QueueQuery.PhoneTailHash(personal.phoneTailHash(q));
    }
    if (ORDER_NO_PART.matcher(q).matches()) {
      return new QueueQuery.OrderNoPrefix(q.toUpperCase(java.util.Locale.ROOT));
    }
    return new QueueQuery.NameHash(personal.nameHash(q));
  }

  private static int limitParam(RoutingContext ctx) {
    String raw = ctx.request().getParam("limit");
    if (raw == null || raw.isEmpty()) {
      return DEFAULT_PAGE;
    }
    try {
      int limit = Integer.parseInt(raw);
      if (limit >= 1 && limit <= MAX_PAGE) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // Falls through to the same answer as a number out of range.
    }
    throw ProblemException.invalid("limit", "must be a whole number from 1 to " + MAX_PAGE);
  }

  private void replace(RoutingContext ctx) {
    StaffUser user = StaffAuth.session(ctx).user();
    String handoverNo = ctx.pathParam("handoverNo");
    List<String> orderNos = stringList(ctx, "orderNos");
    handovers.replace(user, handoverNo, orderNos)
        .compose(b -> audit.record(StaffAuth.actor(ctx), "handover.replace", handoverNo, String.join(",", b.orderNos())).map(b))
        .onSuccess(b -> ctx.json(b.toJson())).onFailure(ctx::fail);
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
    // An empty list is a real answer: nothing arrived, and every order of the batch is flagged.
    BodyReader in = new BodyReader();
    List<String> received = in.texts(JsonBody.fields(ctx), "received", "received", 0, MAX_BATCH, 32);
    in.check();
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
