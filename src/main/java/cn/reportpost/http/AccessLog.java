package cn.reportpost.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Assigns the request id and writes one access-log line when the response ends. */
public final class AccessLog implements Handler<RoutingContext> {

  private static final Logger log = LoggerFactory.getLogger("access");

  @Override
  public void handle(RoutingContext ctx) {
    long start = System.nanoTime();
    String id = RequestIds.assign(ctx);
    HttpServerRequest request = ctx.request();
    ctx.addEndHandler(done -> {
      if (!log.isInfoEnabled()) {
        return;
      }
      long micros = (System.nanoTime() - start) / 1000;
      log.info("{} {} {} {} {}B {}.{}ms {}", id, request.method(), request.path(),
          ctx.response().getStatusCode(), ctx.response().bytesWritten(), micros / 1000, (micros % 1000) / 100,
          request.remoteAddress() == null ? "-" : request.remoteAddress().hostAddress());
    });
    ctx.next();
  }
}
