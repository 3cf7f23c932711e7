package cn.reportpost.aftersales;

import cn.reportpost.api.BodyReader;
import cn.reportpost.api.ProblemException;
import cn.reportpost.http.JsonBody;
import cn.reportpost.http.RequestRules;
import cn.reportpost.resident.ResidentAuth;
import cn.reportpost.staff.StaffAuth;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** After-sales: the resident's cases on their order, and operations' list, reply and resolve. */
final class AftersalesRoutes {

  private final AftersalesService service;
  private final ResidentAuth residents;
  private final StaffAuth staff;

  AftersalesRoutes(AftersalesService service, ResidentAuth residents, StaffAuth staff) {
    this.service = service;
    this.residents = residents;
    this.staff = staff;
  }

  void mount(Router router) {
    router.post("/api/v1/orders/:orderNo/aftersales").handler(residents.require()).handler(residents.sameOriginJson())
        .handler(this::open);
    router.get("/api/v1/orders/:orderNo/aftersales").handler(residents.require()).handler(ctx ->
        service.forResident(ResidentAuth.resident(ctx), ctx.pathParam("orderNo")).onSuccess(ctx::json).onFailure(ctx::fail));
    router.get("/api/v1/ops/aftersales").handler(staff.require("OPS", "ADMIN")).handler(this::list);
    router.get("/api/v1/ops/aftersales/:caseNo").handler(staff.require("OPS", "ADMIN"))
        .handler(ctx -> service.find(ctx.pathParam("caseNo")).onSuccess(ctx::json).onFailure(ctx::fail));
    router.post("/api/v1/ops/aftersales/:caseNo/reply").handler(staff.require("OPS", "ADMIN")).handler(RequestRules.json())
        .handler(this::reply);
    router.post("/api/v1/ops/aftersales/:caseNo/resolve").handler(staff.require("OPS", "ADMIN")).handler(RequestRules.json())
        .handler(this::resolve);
  }

  private void open(RoutingContext ctx) {
    BodyReader in = new BodyReader();
    Map<String, Object> body = JsonBody.fields(ctx);
    String type = oneOf(in, body, "type", AftersalesService.TYPES);
    String description = in.text(body, "description", "description", 2, 500);
    in.check();
    service.open(ResidentAuth.resident(ctx), ctx.pathParam("orderNo"), type, description)
        .onSuccess(created -> ctx.response().setStatusCode(201)
            .putHeader("Location", "/api/v1/orders/" + ctx.pathParam("orderNo") + "/aftersales")
            .putHeader("Content-Type", "application/json").end(created.toBuffer()))
        .onFailure(ctx::fail);
  }

  private void list(RoutingContext ctx) {
    String status = ctx.request().getParam("status");
    if (status != null && !status.isEmpty() && !AftersalesService.STATUSES.contains(status)) {
      throw ProblemException.invalid("status", "must be one of " + String.join(", ", new TreeSet<>(AftersalesService.STATUSES)));
    }
    service.list(status == null || status.isEmpty() ? null : status, ctx.request().getParam("cursor"))
        .onSuccess(ctx::json).onFailure(ctx::fail);
  }

  private void reply(RoutingContext ctx) {
    BodyReader in = new BodyReader();
    String message = in.text(JsonBody.fields(ctx), "message", "message", 1, 1000);
    in.check();
    service.reply(StaffAuth.actor(ctx), ctx.pathParam("caseNo"), message).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  private void resolve(RoutingContext ctx) {
    BodyReader in = new BodyReader();
    Map<String, Object> body = JsonBody.fields(ctx);
    String resolution = oneOf(in, body, "resolution", AftersalesService.RESOLUTIONS);
    Long amount = in.wholeNumber(body, "amountFen", "amountFen");
    String note = in.text(body, "note", "note", 2, 200);
    if ("PARTIAL_REFUND".equals(resolution) && (amount == null || amount <= 0 || amount > 1_000_000)) {
      in.fail("amountFen", "a partial refund needs an amount of 1 to 1000000 fen");
    } else if (resolution != null && !"PARTIAL_REFUND".equals(resolution) && amount != null) {
      in.fail("amountFen", "only a PARTIAL_REFUND takes an amount");
    }
    in.check();
    service.resolve(StaffAuth.actor(ctx), ctx.pathParam("caseNo"), resolution, amount == null ? null : amount.intValue(), note)
        .onSuccess(ctx::json).onFailure(ctx::fail);
  }

  private static String oneOf(BodyReader in, Map<String, Object> body, String field, Set<String> allowed) {
    Object value = body.get(field);
    if (!(value instanceof String text) || !allowed.contains(text)) {
      in.fail(field, "must be one of " + String.join(", ", new TreeSet<>(allowed)));
      return null;
    }
    return text;
  }
}
