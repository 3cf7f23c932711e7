package cn.reportpost.jobs;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Works through items claimed with a lease: at most {@code concurrency} at a time, and while any
 * are unfinished their lease is renewed every third of its length, so another instance never
 * takes up an item this one is still working on, however slow the work.
 */
public final class LeasedWork {

  private static final Logger log = LoggerFactory.getLogger(LeasedWork.class);

  private LeasedWork() {}

  /**
   * Runs {@code work} for every item; one failure does not stop the rest (it is logged, and the
   * item's lease lapses so a later pass takes it up). {@code renew} extends the lease of the items
   * it is given.
   */
  public static <T> Future<Void> forEach(Vertx vertx, List<T> items, int concurrency, Duration lease,
      Function<List<T>, Future<Void>> renew, Function<T, Future<Void>> work) {
    if (items.isEmpty()) {
      return Future.succeededFuture();
    }
    Set<T> unfinished = ConcurrentHashMap.newKeySet();
    unfinished.addAll(items);
    long every = Math.max(1000, lease.toMillis() / 3);
    long timer = vertx.setPeriodic(every, id -> {
      List<T> open = List.copyOf(unfinished);
      if (!open.isEmpty()) {
        renew.apply(open).onFailure(e -> log.warn("could not renew a lease: {}", e.toString()));
      }
    });
    Deque<T> queue = new ArrayDeque<>(items);
    Promise<Void> done = Promise.promise();
    int[] active = {0};
    Runnable[] next = new Runnable[1];
    next[0] = () -> {
      synchronized (queue) {
        while (active[0] < concurrency && !queue.isEmpty()) {
          T item = queue.poll();
          active[0]++;
          Future<Void> step;
          try {
            step = work.apply(item);
          } catch (RuntimeException e) {
            step = Future.failedFuture(e);
          }
          step.onComplete(ar -> {
            if (ar.failed()) {
              log.warn("work on {} failed, tried again later: {}", item, ar.cause().toString());
            }
            unfinished.remove(item);
            synchronized (queue) {
              active[0]--;
              if (queue.isEmpty() && active[0] == 0) {
                vertx.cancelTimer(timer);
                done.tryComplete();
                return;
              }
            }
            next[0].run();
          });
        }
      }
    };
    next[0].run();
    return done.future();
  }
}
