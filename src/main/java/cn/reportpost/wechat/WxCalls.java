package cn.reportpost.wechat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;

import java.util.concurrent.Callable;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs blocking WxJava calls on a bounded pool of their own, so a slow WeChat can neither block an
 * event loop nor starve the default worker pool that the rest of the product uses.
 */
final class WxCalls implements AutoCloseable {

  private final WorkerExecutor executor;
  private final int maxWaiting;
  private final long queueTimeoutMillis;
  /** Calls waiting for a worker or running: bounded, so a slow WeChat makes callers fail fast, not queue for ever. */
  private final AtomicInteger pending = new AtomicInteger();

  /**
   * {@code maxWaiting}: calls that may wait for one of the {@code poolSize} workers before new ones
   * are refused; {@code queueTimeoutMillis}: a call that waited longer is not made (its caller has
   * moved on or will retry).
   */
  WxCalls(Vertx vertx, int poolSize, long maxCallMillis, int maxWaiting, long queueTimeoutMillis) {
    // The max execute time only drives Vert.x's warning; the HTTP timeouts are what bound a call.
    this.executor = vertx.createSharedWorkerExecutor("wechat-" + System.identityHashCode(this), poolSize,
        maxCallMillis * 4, TimeUnit.MILLISECONDS);
    this.maxWaiting = poolSize + maxWaiting;
    this.queueTimeoutMillis = queueTimeoutMillis;
  }

  /** Runs {@code call} off the event loop; the future completes on the caller's context. */
  <T> Future<T> run(String api, Callable<T> call) {
    if (pending.incrementAndGet() > maxWaiting) {
      pending.decrementAndGet();
      return Future.failedFuture(WeChatException.of(api, new RejectedExecutionException(
          "too many WeChat calls waiting (" + maxWaiting + ")")));
    }
    long queued = System.nanoTime();
    return executor.<T>executeBlocking(() -> {
          if (System.nanoTime() - queued > TimeUnit.MILLISECONDS.toNanos(queueTimeoutMillis)) {
            throw new TimeoutException("waited over " + queueTimeoutMillis + " ms for a WeChat worker");
          }
          return call.call();
        }, false)
        .onComplete(ar -> pending.decrementAndGet())
        .recover(e -> Future.failedFuture(WeChatException.of(api, e)));
  }

  @Override
  public void close() {
    executor.close();
  }
}
