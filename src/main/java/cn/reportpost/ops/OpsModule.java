package cn.reportpost.ops;

import cn.reportpost.http.Draining;
import cn.reportpost.http.Module;
import cn.reportpost.redis.Redis;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.micrometer.PrometheusScrapingHandler;
import io.vertx.sqlclient.Pool;

/** Running the service: health for the load balancer, Prometheus metrics, and the HTTP contract's documents. */
public final class OpsModule implements Module {

  private final Vertx vertx;
  private final Pool pool;
  private final Redis redis;
  private final PrometheusMeterRegistry metrics;
  private final Draining draining;

  public OpsModule(Vertx vertx, Pool pool, Redis redis, PrometheusMeterRegistry metrics, Draining draining) {
    this.vertx = vertx;
    this.draining = draining;
    this.pool = pool;
    this.redis = redis;
    this.metrics = metrics;
  }

  @Override
  public void mount(Router router) {
    new HealthRoutes(vertx, pool, redis, draining).mount(router);
    router.get("/metrics").handler(PrometheusScrapingHandler.create(metrics));
    new DocsRoutes().mount(router);
  }
}
