package cn.reportpost;

import cn.reportpost.config.AppConfig;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;

import java.util.concurrent.TimeUnit;

/** One HTTP server instance; the launcher deploys one per event loop, all sharing the port. */
public final class HttpVerticle extends VerticleBase {

  private final AppConfig config;
  private final Assembly modules;
  private HttpServer server;

  public HttpVerticle(AppConfig config, Assembly modules) {
    this.config = config;
    this.modules = modules;
  }

  @Override
  public Future<?> start() {
    Router router = ApiRouter.create(vertx, config, modules);
    HttpServerOptions options = new HttpServerOptions()
        .setPort(config.integer("http.port"))
        .setHost(config.string("http.host"))
        .setCompressionSupported(true)
        .setIdleTimeout(60)
        .setIdleTimeoutUnit(TimeUnit.SECONDS);
    server = vertx.createHttpServer(options).requestHandler(router);
    return server.listen();
  }

  /** Stops accepting, then lets requests in flight finish within the grace period. */
  @Override
  public Future<?> stop() {
    return server.shutdown(config.integer("http.shutdownGraceSeconds"), TimeUnit.SECONDS);
  }
}
