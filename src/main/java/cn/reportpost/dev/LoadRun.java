package cn.reportpost.dev;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * Two kinds of load, recording every latency. {@link #run}: closed loop, {@code concurrency}
 * clients each sending its next request as soon as the previous one is answered (how much the
 * server can do). {@link #paced}: open loop, requests sent on a fixed schedule whatever the
 * answers do, each latency counted from when its request was due (how fast a given load is served).
 */
public final class LoadRun {

  /** Throughput and latency percentiles of one run. */
  public record Result(String name, int requests, int errors, double seconds, long p50Micros, long p99Micros, long maxMicros) {
    public double perSecond() {
      return requests / seconds;
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%-28s %7d req %5d err %8.1f req/s   p50 %6.2f ms   p99 %6.2f ms   max %7.2f ms",
          name, requests, errors, perSecond(), p50Micros / 1000.0, p99Micros / 1000.0, maxMicros / 1000.0);
    }
  }

  private LoadRun() {}

  /**
   * Sends {@code total} requests at {@code perSecond}, request i due at start + i / perSecond. A
   * request sent late (the client's timer, or a full connection pool) counts its wait as latency:
   * a slow answer cannot hide the requests that would have queued behind it (no coordinated omission).
   */
  public static Future<Result> paced(Vertx vertx, String name, int total, double perSecond,
      IntFunction<Future<Boolean>> request) {
    Promise<Result> done = Promise.promise();
    long[] latencies = new long[total];
    AtomicInteger finished = new AtomicInteger();
    AtomicInteger errors = new AtomicInteger();
    double nanosApart = 1e9 / perSecond;
    vertx.runOnContext(v -> {
      long start = System.nanoTime();
      int[] sent = {0};
      long[] timer = new long[1];
      timer[0] = vertx.setPeriodic(1, id -> {
        long now = System.nanoTime();
        int due = (int) Math.min(total, (now - start) / nanosApart + 1);
        for (; sent[0] < due; sent[0]++) {
          int i = sent[0];
          long dueAt = start + (long) (i * nanosApart);
          request.apply(i).onComplete(ar -> {
            latencies[i] = (System.nanoTime() - dueAt) / 1000;
            if (ar.failed() || !ar.result()) {
              errors.incrementAndGet();
            }
            if (finished.incrementAndGet() == total) {
              done.complete(result(name, latencies, errors.get(), (System.nanoTime() - start) / 1e9));
            }
          });
        }
        if (sent[0] == total) {
          vertx.cancelTimer(timer[0]);
        }
      });
    });
    return done.future();
  }

  private static Result result(String name, long[] latencies, int errors, double seconds) {
    int total = latencies.length;
    Arrays.sort(latencies);
    return new Result(name, total, errors, seconds, latencies[total / 2],
        latencies[Math.min(total - 1, (int) Math.ceil(total * 0.99) - 1)], latencies[total - 1]);
  }

  /** {@code request(i)} sends request number i and completes with whether it succeeded. */
  public static Future<Result> run(Vertx vertx, String name, int total, int concurrency, IntFunction<Future<Boolean>> request) {
    Promise<Result> done = Promise.promise();
    long[] latencies = new long[total];
    AtomicInteger next = new AtomicInteger();
    AtomicInteger finished = new AtomicInteger();
    AtomicInteger errors = new AtomicInteger();
    AtomicLong start = new AtomicLong(System.nanoTime());
    Runnable[] loop = new Runnable[1];
    loop[0] = () -> {
      int i = next.getAndIncrement();
      if (i >= total) {
        return;
      }
      long t0 = System.nanoTime();
      request.apply(i).onComplete(ar -> {
        latencies[i] = (System.nanoTime() - t0) / 1000;
        if (ar.failed() || !ar.result()) {
          errors.incrementAndGet();
        }
        if (finished.incrementAndGet() == total) {
          done.complete(result(name, latencies, errors.get(), (System.nanoTime() - start.get()) / 1e9));
        } else {
          loop[0].run();
        }
      });
    };
    vertx.runOnContext(v -> {
      start.set(System.nanoTime());
      for (int c = 0; c < concurrency; c++) {
        loop[0].run();
      }
    });
    return done.future();
  }
}
