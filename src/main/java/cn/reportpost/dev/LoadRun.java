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
 * A closed-loop load: {@code concurrency} clients, each sending its next request as soon as the
 * previous one is answered, until {@code total} requests were sent. Records every latency.
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
          double seconds = (System.nanoTime() - start.get()) / 1e9;
          Arrays.sort(latencies);
          done.complete(new Result(name, total, errors.get(), seconds, latencies[total / 2],
              latencies[Math.min(total - 1, (int) Math.ceil(total * 0.99) - 1)], latencies[total - 1]));
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
