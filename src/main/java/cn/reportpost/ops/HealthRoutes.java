package cn.reportpost.ops;

import cn.reportpost.redis.Redis;
import cn.reportpost.http.Draining;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Pool;

import java.util.concurrent.TimeUnit;

/** GET /health: PostgreSQL and Redis checked separately; 503 when either is down. */
public final class HealthRoutes {

  private static final long CHECK_TIMEOUT_MILLIS = 2000;

  private final Draining draining;
  private final Vertx vertx;
  private final Pool pool;
  private final Redis redis;

  public HealthRoutes(Vertx vertx, Pool pool, Redis redis, Draining draining) {
    this.vertx = vertx;
    this.draining = draining;
    this.pool = pool;
    this.redis = redis;
  }

  public void mount(Router router) {
    router.get("/health").handler(ctx -> {
      if (draining.isDraining()) {
        ctx.response().setStatusCode(503).putHeader("Content-Type", "application/json")
            .putHeader("Cache-Control", "no-store").end(new JsonObject().put("status", "DRAINING").toBuffer());
        return;
      }
      Future<JsonObject> pg = check(pool.query("SELECT 1").execute().mapEmpty());
      Future<JsonObject> rd = check(redis.ping().mapEmpty());
      Future.join(pg, rd).onComplete(done -> {
        boolean up = isUp(pg.result()) && isUp(rd.result());
        JsonObject body = new JsonObject().put("status", up ? "UP" : "DOWN")
            .put("postgres", pg.result()).put("redis", rd.result());
        ctx.response().setStatusCode(up ? 200 : 503)
            .putHeader("Content-Type", "application/json")
            .putHeader("Cache-Control", "no-store")
            .end(body.toBuffer());
      });
    });
  }

  private Future<JsonObject> check(Future<Void> probe) {
    long start = System.nanoTime();
    return probe.timeout(CHECK_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
        .map(v -> new JsonObject().put("status", "UP").put("latencyMillis", (System.nanoTime() - start) / 1_000_000))
        .recover(e -> Future.succeededFuture(new JsonObject().put("status", "DOWN")
            .put("error", e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()))));
  }

  private static boolean isUp(JsonObject check) {
    return "UP".equals(check.getString("status"));
  }
}
