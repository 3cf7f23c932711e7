package cn.reportpost.sandbox;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import static cn.reportpost.sandbox.SandboxHttp.body;
import static cn.reportpost.sandbox.SandboxHttp.error;
import static cn.reportpost.sandbox.SandboxHttp.json;

/** The EMS network scanning a parcel, and what Kuaidi100 holds about it: the tracking controls. */
final class TrackingControls {

  private static final int MAX_TIMES = 5;

  private final TrackingSandbox tracking;

  TrackingControls(TrackingSandbox tracking) {
    this.tracking = tracking;
  }

  void mount(Router router) {
    router.post("/sandbox/tracking/:waybillNo/scan").handler(this::scan);
    router.get("/sandbox/tracking/:waybillNo").handler(ctx -> {
      JsonObject held = tracking.held(ctx.pathParam("waybillNo"));
      if (held == null) {
        notSubscribed(ctx);
      } else {
        json(ctx, 200, held);
      }
    });
  }

  /** ?times=N pushes the same signed trail N times at once; ?fault=bad-signature signs it with another salt. */
  private void scan(RoutingContext ctx) {
    String rawTimes = ctx.queryParams().get("times");
    String fault = ctx.queryParams().get("fault");
    int times;
    try {
      times = rawTimes == null ? 1 : Integer.parseInt(rawTimes);
    } catch (NumberFormatException e) {
      times = 0;
    }
    if (times < 1 || times > MAX_TIMES) {
      error(ctx, "times must be 1 to " + MAX_TIMES);
      return;
    }
    if (fault != null && !fault.equals("bad-signature")) {
      error(ctx, "fault must be bad-signature");
      return;
    }
    Future<JsonObject> pushed = tracking.scan(ctx.pathParam("waybillNo"), body(ctx), times, fault != null);
    if (pushed == null) {
      notSubscribed(ctx);
      return;
    }
    pushed.onSuccess(answers -> json(ctx, 200, answers)).onFailure(e -> error(ctx, e.getMessage()));
  }

  private static void notSubscribed(RoutingContext ctx) {
    json(ctx, 404, new JsonObject().put("error", "Kuaidi100 holds no subscription for " + ctx.pathParam("waybillNo")));
  }
}
