package cn.reportpost.wechat;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Stands in for the product's notify route: records what WeChat posts and answers a chosen status. */
final class NotifyReceiver implements AutoCloseable {

  record Received(MultiMap headers, String body) {
    NotifyHeaders notifyHeaders() {
      return NotifyHeaders.from(headers::get);
    }
  }

  private final HttpServer server;
  private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
  private final AtomicInteger failuresLeft;

  /** Answers 500 to the first {@code failFirst} posts, 204 afterwards. */
  NotifyReceiver(Vertx vertx, int failFirst) {
    this.failuresLeft = new AtomicInteger(failFirst);
    this.server = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
      received.add(new Received(MultiMap.caseInsensitiveMultiMap().addAll(req.headers()), body.toString()));
      req.response().setStatusCode(failuresLeft.getAndDecrement() > 0 ? 500 : 204).end();
    }));
    Await.result(server.listen(0, "127.0.0.1"));
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.actualPort() + path;
  }

  Received next() throws InterruptedException {
    Received r = received.poll(10, TimeUnit.SECONDS);
    if (r == null) {
      throw new AssertionError("no notify arrived within 10 s");
    }
    return r;
  }

  int count() {
    return received.size();
  }

  @Override
  public void close() {
    server.close();
  }
}
