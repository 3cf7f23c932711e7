package cn.reportpost.tracking;

import cn.reportpost.http.ClientAddress;
import cn.reportpost.order.Orders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kuaidi100's pushes: a form of {@code param} (JSON) and {@code sign}. Answered in Kuaidi100's own
 * terms: {@code result: true, returnCode: "200"} once kept, anything else makes it push again later.
 * A missing or wrong signature is refused, kept as a security event, and changes nothing.
 */
final class TrackingRoutes {

  static final String PUSH_PATH = "/track/kuaidi100";
  private static final Logger log = LoggerFactory.getLogger(TrackingRoutes.class);

  private final CarrierPushes pushes;
  private final Orders orders;

  TrackingRoutes(CarrierPushes pushes, Orders orders) {
    this.pushes = pushes;
    this.orders = orders;
  }

  void mount(Router router) {
    router.post(PUSH_PATH).handler(this::push);
  }

  private void push(RoutingContext ctx) {
    pushes.receive(ctx.request().getFormAttribute("param"), ctx.request().getFormAttribute("sign")).onComplete(ar -> {
      if (ar.succeeded()) {
        answer(ctx, 200, Kuaidi100.answer(true, "200",
            ar.result() == CarrierPushes.Result.STORED ? "成功" : "未跟踪此运单，已忽略"));
      } else if (ar.cause() instanceof Kuaidi100.Malformed e) {
        answer(ctx, 400, Kuaidi100.answer(false, "400", e.getMessage()));
      } else if (ar.cause() instanceof CarrierPushes.Forged e) {
        String ip = ClientAddress.of(ctx);
        log.warn("SECURITY tracking push refused from {}: {}", ip, e.getMessage());
        orders.securityEvent("tracking push refused", e.getMessage(), ip)
            .onFailure(err -> log.error("could not record a security event", err))
            .onComplete(v -> answer(ctx, 401, Kuaidi100.answer(false, "401", "签名不符")));
      } else {
        log.error("a tracking push could not be kept; Kuaidi100 will push again", ar.cause());
        answer(ctx, 500, Kuaidi100.answer(false, "500", "暂时无法保存，请稍后重推"));
      }
    });
  }

  private static void answer(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8").end(body.encode());
  }
}
