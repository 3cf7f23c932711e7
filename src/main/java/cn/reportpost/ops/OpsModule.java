package cn.reportpost.ops;

import cn.reportpost.config.AppConfig;
import cn.reportpost.http.Draining;
import cn.reportpost.http.Module;
import cn.reportpost.redis.Redis;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Pool;

/** Running the service: health for the load balancer, Prometheus metrics, and the HTTP contract's documents. */
public final class OpsModule implements Module {

  private final Vertx vertx;
  private final Pool pool;
  private final Redis redis;
  private final PrometheusMeterRegistry metrics;
  private final Draining draining;
  /** One for every verticle's router, so each document is read from the jar once per process. */
  private final DocsRoutes docs = new DocsRoutes();
  private final AppConfig config;
  private String management;

  public OpsModule(Vertx vertx, AppConfig config, Pool pool, Redis redis, PrometheusMeterRegistry metrics,
      Draining draining) {
    this.vertx = vertx;
    this.config = config;
    this.draining = draining;
    this.pool = pool;
    this.redis = redis;
    this.metrics = metrics;
  }

  @Override
  public void mount(Router router) {
    new HealthRoutes(vertx, pool, redis, draining).mount(router);
    if (ManagementServer.metricsOnPublicPort(config)) {
      ManagementServer.mountMetrics(router, metrics);
    }
    docs.mount(router);
  }

  /** The management port, when one is set: /metrics (and /health) there, not on the public port. */
  @Override
  public Future<Void> start() {
    if (ManagementServer.metricsOnPublicPort(config)) {
      return Future.succeededFuture();
    }
    return vertx.deployVerticle(new ManagementServer(config, pool, redis, metrics, draining))
        .onSuccess(id -> management = id).mapEmpty();
  }

  @Override
  public Future<Void> stop() {
    return management == null ? Future.succeededFuture() : vertx.undeploy(management);
  }
}
