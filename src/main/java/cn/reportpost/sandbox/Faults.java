package cn.reportpost.sandbox;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Injected failures: the next {@code count} calls whose path starts with {@code api} fail with
 * {@code mode}. http500 answers 500 at once; timeout holds the request without answering;
 * bad-signature (Pay only: official-account answers carry no signature) signs the answer with a
 * key that is not WeChat Pay's; slow answers as usual after {@code delayMillis}, having done the
 * work only then, as a slow WeChat does. Where several registered paths match, the longest wins,
 * so a few calls of one API can fail while the rest of WeChat is slow.
 */
final class Faults {

  static final String BAD_SIGNATURE = "badSignature";
  private static final Set<String> MODES = Set.of("http500", "timeout", "bad-signature", "slow");

  private record Fault(String mode, int left, long delayMillis) {}

  private final Vertx vertx;
  private final Duration hold;
  private final Map<String, Fault> byApi = new ConcurrentHashMap<>();
  /** Calls per method and path since the start, faulty or not: how often the product asked WeChat. */
  private final Map<String, Integer> calls = new ConcurrentHashMap<>();

  Faults(Vertx vertx, Duration hold) {
    this.vertx = vertx;
    this.hold = hold;
  }

  /** Registers a fault; answers an error message, or null when the request was fine. */
  String add(JsonObject request) {
    String api = request.getString("api", "");
    String mode = request.getString("mode", "");
    int count = request.getInteger("count", 1);
    long delayMillis = request.getLong("delayMillis", 0L);
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
    if (mode.equals("slow") != delayMillis > 0) {
      return "delayMillis (above 0) goes with mode slow, and only with it";
    }
    byApi.put(api, new Fault(mode, count, delayMillis));
    return null;
  }

  /** Route handler in front of every WeChat path. */
  void apply(RoutingContext ctx) {
    String path = ctx.request().path();
    calls.merge(ctx.request().method() + " " + path, 1, Integer::sum);
    String api = byApi.keySet().stream().filter(path::startsWith)
        .max(Comparator.comparingInt(String::length)).orElse(null);
    Fault fault = api == null ? null : take(api);
    if (fault == null) {
      ctx.next();
      return;
    }
    switch (fault.mode()) {
      case "http500" -> ctx.response().setStatusCode(500).putHeader("Content-Type", "application/json")
          .end(new JsonObject().put("code", "SYSTEM_ERROR").put("message", "系统错误").encode());
      case "timeout" -> vertx.setTimer(hold.toMillis(), t -> ctx.request().connection().close());
      case "slow" -> vertx.setTimer(fault.delayMillis(), t -> ctx.next());
      default -> {
        ctx.put(BAD_SIGNATURE, true);
        ctx.next();
      }
    }
  }

  /** {"METHOD /path": calls} for every WeChat path called so far. */
  JsonObject calls() {
    return new JsonObject(new TreeMap<String, Object>(calls));
  }

  private Fault take(String api) {
    Fault[] taken = new Fault[1];
    byApi.computeIfPresent(api, (k, f) -> {
      taken[0] = f;
      return f.left() > 1 ? new Fault(f.mode(), f.left() - 1, f.delayMillis()) : null;
    });
    return taken[0];
  }
}
