package cn.reportpost.wechat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * Runs blocking WxJava calls on a bounded pool of their own, so a slow WeChat can neither block an
 * event loop nor starve the default worker pool that the rest of the product uses.
 */
final class WxCalls implements AutoCloseable {

  private final WorkerExecutor executor;

  WxCalls(Vertx vertx, int poolSize, long maxCallMillis) {
    // The max execute time only drives Vert.x's warning; the HTTP timeouts are what bound a call.
    this.executor = vertx.createSharedWorkerExecutor("wechat-" + System.identityHashCode(this), poolSize,
        maxCallMillis * 4, TimeUnit.MILLISECONDS);
  }

  /** Runs {@code call} off the event loop; the future completes on the caller's context. */
  <T> Future<T> run(String api, Callable<T> call) {
    return executor.<T>executeBlocking(call, false)
        .recover(e -> Future.failedFuture(WeChatException.of(api, e)));
  }

  @Override
  public void close() {
    executor.close();
  }
}
