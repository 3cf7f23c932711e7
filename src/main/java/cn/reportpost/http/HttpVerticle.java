package cn.reportpost.http;

import cn.reportpost.Features;
import cn.reportpost.Services;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;

import java.util.concurrent.TimeUnit;

/** One HTTP server instance; the launcher deploys one per event loop, all sharing the port. */
public final class HttpVerticle extends VerticleBase {

  private final Services services;
  private final Features features;
  private HttpServer server;

  public HttpVerticle(Services services, Features features) {
    this.services = services;
    this.features = features;
  }

  @Override
  public Future<?> start() {
    Router router = ApiRouter.create(vertx, services, features);
    HttpServerOptions options = new HttpServerOptions()
        .setPort(services.config().integer("http.port"))
        .setHost(services.config().string("http.host"))
        .setCompressionSupported(true)
        .setIdleTimeout(60)
        .setIdleTimeoutUnit(TimeUnit.SECONDS);
    server = vertx.createHttpServer(options).requestHandler(router);
    return server.listen();
  }

  /** Stops accepting, then lets requests in flight finish within the grace period. */
  @Override
  public Future<?> stop() {
    return server.shutdown(services.config().integer("http.shutdownGraceSeconds"), TimeUnit.SECONDS);
  }
}
