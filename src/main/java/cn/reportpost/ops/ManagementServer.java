package cn.reportpost.ops;

import cn.reportpost.config.AppConfig;
import cn.reportpost.http.Draining;
import cn.reportpost.redis.Redis;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.micrometer.PrometheusScrapingHandler;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * /metrics, with /health beside it, on a port of their own when http.managementPort is set, so
 * that the public port need not expose them (it then answers 404 for /metrics). With no
 * management port, /metrics stays on the public port and this server does not start.
 */
public final class ManagementServer extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(ManagementServer.class);

  private final AppConfig config;
  private final Pool pool;
  private final Redis redis;
  private final PrometheusMeterRegistry metrics;
  private final Draining draining;
  private HttpServer server;

  ManagementServer(AppConfig config, Pool pool, Redis redis, PrometheusMeterRegistry metrics, Draining draining) {
    this.config = config;
    this.pool = pool;
    this.redis = redis;
    this.metrics = metrics;
    this.draining = draining;
  }

  /** Whether the public router serves /metrics: only when no management port is set. */
  public static boolean metricsOnPublicPort(AppConfig config) {
    return config.integer("http.managementPort") == 0;
  }

  /** The Prometheus scrape, on whichever router serves it. */
  static void mountMetrics(Router router, PrometheusMeterRegistry metrics) {
    router.get("/metrics").handler(PrometheusScrapingHandler.create(metrics));
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    mountMetrics(router, metrics);
    new HealthRoutes(vertx, pool, redis, draining).mount(router);
    int port = config.integer("http.managementPort");
    // Scrapers speak HTTP/1.1; no h2c upgrade (a JDK client once hung on one here, headers read, body never).
    server = vertx.createHttpServer(new HttpServerOptions().setPort(port).setHost(config.string("http.host"))
        .setHttp2ClearTextEnabled(false));
    return server.requestHandler(router).listen()
        .onSuccess(s -> log.info("metrics and health on the management port {}", s.actualPort()));
  }

  @Override
  public Future<?> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }
}
