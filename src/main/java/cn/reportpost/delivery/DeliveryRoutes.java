package cn.reportpost.delivery;

import cn.reportpost.api.BodyReader;
import cn.reportpost.api.FieldError;
import cn.reportpost.http.JsonBody;
import cn.reportpost.api.ProblemException;
import cn.reportpost.audit.AuditLog;
import cn.reportpost.http.RequestRules;
import cn.reportpost.staff.StaffAuth;
import cn.reportpost.staff.StaffUser;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Courier routes: the waybill, one stage at a time, and a batch of stages collected offline. */
public final class DeliveryRoutes {

  private static final int MAX_OFFLINE_EVENTS = 500;

  private final DeliveryService delivery;
  private final StaffAuth auth;
  private final AuditLog audit;
  private final Clock clock;

  public DeliveryRoutes(DeliveryService delivery, StaffAuth auth, AuditLog audit, Clock clock) {
    this.delivery = delivery;
    this.auth = auth;
    this.audit = audit;
    this.clock = clock;
  }

  public void mount(Router router) {
    router.post("/api/v1/staff/orders/:orderNo/waybill").handler(auth.require("COURIER")).handler(RequestRules.json())
        .handler(this::waybill);
    router.post("/api/v1/staff/orders/:orderNo/events").handler(auth.require("COURIER")).handler(RequestRules.json())
        .handler(this::event);
    router.post("/api/v1/staff/events").handler(auth.require("COURIER")).handler(RequestRules.json()).handler(this::offline);
  }

  private void waybill(RoutingContext ctx) {
    StaffUser user = StaffAuth.session(ctx).user();
    String orderNo = ctx.pathParam("orderNo");
    BodyReader in = new BodyReader();
    String waybill = in.text(JsonBody.fields(ctx), "waybillNo", "waybillNo", 1, 32);
    in.check();
    delivery.attachWaybill(user, orderNo, waybill)
        .compose(o -> audit.record(StaffAuth.actor(ctx), "order.waybill", orderNo, waybill)
            .map(new JsonObject().put("orderNo", orderNo).put("status", o.status().name()).put("changed", o.changed())))
        .onSuccess(ctx::json).onFailure(ctx::fail);
  }

  private void event(RoutingContext ctx) {
    StaffUser user = StaffAuth.session(ctx).user();
    List<FieldError> errors = new ArrayList<>();
    CourierEvent e = CourierEvent.parse(JsonBody.object(ctx), ctx.pathParam("orderNo"), "", clock, errors);
    if (e == null) {
      throw ProblemException.invalid(errors);
    }
    delivery.report(user, e)
        .compose(o -> audit.record(StaffAuth.actor(ctx), "order.event", e.orderNo(), e.type() + " " + e.eventId())
            .map(new JsonObject().put("orderNo", e.orderNo()).put("eventId", e.eventId()).put("status", o.status().name())
                .put("duplicate", !o.changed())))
        .onSuccess(ctx::json).onFailure(ctx::fail);
  }

  /**
   * Events a courier's phone kept while offline: checked first (a malformed one refuses the
   * request), then applied in time order, each answered on its own.
   */
  private void offline(RoutingContext ctx) {
    StaffUser user = StaffAuth.session(ctx).user();
    Object raw = JsonBody.object(ctx).getValue("events");
    if (!(raw instanceof JsonArray array) || array.isEmpty() || array.size() > MAX_OFFLINE_EVENTS) {
      throw ProblemException.invalid("events", "must be a list of 1–" + MAX_OFFLINE_EVENTS + " events");
    }
    List<FieldError> errors = new ArrayList<>();
    List<CourierEvent> events = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      String prefix = "events[" + i + "].";
      if (!(array.getValue(i) instanceof JsonObject json)) {
        errors.add(new FieldError("events[" + i + "]", "must be an object"));
        continue;
      }
      Object orderNo = json.getValue("orderNo");
      if (!(orderNo instanceof String no) || no.isBlank()) {
        errors.add(new FieldError(prefix + "orderNo", "is required"));
        continue;
      }
      CourierEvent e = CourierEvent.parse(json, no.strip(), prefix, clock, errors);
      if (e != null) {
        events.add(e);
      }
    }
    if (!errors.isEmpty()) {
      throw ProblemException.invalid(errors);
    }
    events.sort(Comparator.comparing(CourierEvent::at));
    JsonArray results = new JsonArray();
    Future<Void> chain = Future.succeededFuture();
    for (CourierEvent e : events) {
      chain = chain.compose(v -> delivery.report(user, e).map(o -> new JsonObject()
              .put("result", o.changed() ? "APPLIED" : "DUPLICATE").put("status", o.status().name()))
          .recover(err -> err instanceof ProblemException p
              ? Future.succeededFuture(new JsonObject().put("result", "REFUSED").put("error", p.detail()))
              : Future.failedFuture(err))
          .map(result -> {
            results.add(result.put("eventId", e.eventId()).put("orderNo", e.orderNo()).put("type", e.type().name()));
            return (Void) null;
          }));
    }
    chain.compose(v -> audit.record(StaffAuth.actor(ctx), "order.events.offline", events.size() + " event(s)", ""))
        .onSuccess(v -> ctx.json(new JsonObject().put("results", results)))
        .onFailure(ctx::fail);
  }
}
