package cn.reportpost.order;

import cn.reportpost.audit.Actor;
import cn.reportpost.http.ClientAddress;
import cn.reportpost.http.JsonBody;
import cn.reportpost.api.ProblemException;
import cn.reportpost.http.RateLimiter;
import cn.reportpost.resident.Resident;
import cn.reportpost.resident.ResidentAuth;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/** The resident's order routes (PRODUCT.md §3). */
public final class OrderRoutes {

  private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[A-Za-z0-9._:-]{8,100}");

  private final OrderService orders;
  private final PersonalDataService personalData;
  private final ResidentAuth residents;
  private final RateLimiter limiter;
  private final RateLimiter.Limit perResident;
  private final RateLimiter.Limit perIp;

  public OrderRoutes(OrderService orders, PersonalDataService personalData, ResidentAuth residents, RateLimiter limiter,
      int perResidentPerMinute, int perIpPerMinute) {
    this.orders = orders;
    this.personalData = personalData;
    this.residents = residents;
    this.limiter = limiter;
    this.perResident = new RateLimiter.Limit("orders-resident", perResidentPerMinute, Duration.ofMinutes(1));
    this.perIp = new RateLimiter.Limit("orders-ip", perIpPerMinute, Duration.ofMinutes(1));
  }

  public void mount(Router router) {
    router.post("/api/v1/orders").handler(residents.require()).handler(residents.sameOriginJson()).handler(this::create);
    router.get("/api/v1/orders").handler(residents.require()).handler(ctx ->
        orders.list(ResidentAuth.resident(ctx)).onSuccess(list -> ctx.json(new JsonArray(list))).onFailure(ctx::fail));
    router.get("/api/v1/orders/:orderNo").handler(residents.require()).handler(ctx ->
        orders.detail(ResidentAuth.resident(ctx), ctx.pathParam("orderNo")).onSuccess(ctx::json).onFailure(ctx::fail));
    router.post("/api/v1/orders/:orderNo/cancel").handler(residents.require()).handler(residents.sameOriginJson())
        .handler(this::cancel);
    router.put("/api/v1/orders/:orderNo/recipient").handler(residents.require()).handler(residents.sameOriginJson())
        .handler(ctx -> orders.changeRecipient(ResidentAuth.resident(ctx), ctx.pathParam("orderNo"), JsonBody.object(ctx),
                new Actor("resident:" + ResidentAuth.resident(ctx).id(), "RESIDENT", ClientAddress.of(ctx)))
            .onSuccess(ctx::json).onFailure(ctx::fail));
    router.delete("/api/v1/orders/:orderNo/personal-data").handler(residents.require())
        .handler(residents.sameOriginJson()).handler(ctx -> personalData.eraseForResident(ResidentAuth.resident(ctx),
            ctx.pathParam("orderNo"), ClientAddress.of(ctx)).onSuccess(ctx::json).onFailure(ctx::fail));
  }

  private void create(RoutingContext ctx) {
    Resident resident = ResidentAuth.resident(ctx);
    JsonObject body = JsonBody.object(ctx);
    String key = ctx.request().getHeader("Idempotency-Key");
    if (key != null && !IDEMPOTENCY_KEY.matcher(key).matches()) {
      throw ProblemException.invalid("Idempotency-Key", "must be 8–100 letters, digits or . _ : -");
    }
    String ip = ClientAddress.of(ctx);
    orders.create(resident, body, key, () -> limiter.take(List.of(perResident, perIp),
            List.of(Long.toString(resident.id()), ip), List.of("orders from you", "orders from your network")))
        .onSuccess(order -> {
          ctx.response().setStatusCode(201).putHeader("Location", "/api/v1/orders/" + order.getString("orderNo"));
          ctx.json(order);
        })
        .onFailure(ctx::fail);
  }

  /** The payment is closed or refunded after commit, through the outbox. */
  private void cancel(RoutingContext ctx) {
    orders.cancel(ResidentAuth.resident(ctx), ctx.pathParam("orderNo"))
        .map(outcome -> new JsonObject().put("orderNo", outcome.before().orderNo()).put("status", outcome.status().name()))
        .onSuccess(ctx::json).onFailure(ctx::fail);
  }
}
