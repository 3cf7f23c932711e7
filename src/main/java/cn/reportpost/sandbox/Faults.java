package cn.reportpost.sandbox;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Injected failures: the next {@code count} calls whose path starts with {@code api} fail with
 * {@code mode}. http500 answers 500 at once; timeout holds the request without answering;
 * bad-signature (Pay only: official-account answers carry no signature) signs the answer with a
 * key that is not WeChat Pay's.
 */
final class Faults {

  static final String BAD_SIGNATURE = "badSignature";
  private static final Set<String> MODES = Set.of("http500", "timeout", "bad-signature");

  private record Fault(String mode, int left) {}

  private final Vertx vertx;
  private final Duration hold;
  private final Map<String, Fault> byApi = new ConcurrentHashMap<>();

  Faults(Vertx vertx, Duration hold) {
    this.vertx = vertx;
    this.hold = hold;
  }

  /** Registers a fault; answers an error message, or null when the request was fine. */
  String add(JsonObject request) {
    String api = request.getString("api", "");
    String mode = request.getString("mode", "");
    int count = request.getInteger("count", 1);
    if (!api.startsWith("/")) {
      return "api must be a WeChat path such as /v3/pay/transactions/jsapi";
    }
    if (!MODES.contains(mode)) {
      return "mode must be one of " + MODES;
    }
    if (mode.equals("bad-signature") && !api.startsWith("/v3/")) {
      return "bad-signature applies to WeChat Pay paths (/v3/...) only";
    }
    if (count < 1) {
      return "count must be at least 1";
    }
    byApi.put(api, new Fault(mode, count));
    return null;
  }

  /** Route handler in front of every WeChat path. */
  void apply(RoutingContext ctx) {
    String path = ctx.request().path();
    String api = byApi.keySet().stream().filter(path::startsWith).findFirst().orElse(null);
    Fault fault = api == null ? null : take(api);
    if (fault == null) {
      ctx.next();
      return;
    }
    switch (fault.mode()) {
      case "http500" -> ctx.response().setStatusCode(500).putHeader("Content-Type", "application/json")
          .end(new JsonObject().put("code", "SYSTEM_ERROR").put("message", "系统错误").encode());
      case "timeout" -> vertx.setTimer(hold.toMillis(), t -> ctx.request().connection().close());
      default -> {
        ctx.put(BAD_SIGNATURE, true);
        ctx.next();
      }
    }
  }

  private Fault take(String api) {
    Fault[] taken = new Fault[1];
    byApi.computeIfPresent(api, (k, f) -> {
      taken[0] = f;
      return f.left() > 1 ? new Fault(f.mode(), f.left() - 1) : null;
    });
    return taken[0];
  }
}
