package cn.reportpost.staff;

import cn.reportpost.api.ProblemException;
import cn.reportpost.http.SessionStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;

import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where passwords are hashed: a few threads of their own, so that a flood of sign-ins (each
 * Argon2id hash takes 19 MiB and tens of milliseconds of a core) waits its turn here instead of
 * taking every shared worker from PDF rendering and the WeChat calls. At most {@code queue} more
 * wait for a thread; beyond that a sign-in is refused at once with 503 and Retry-After, which
 * costs nothing to answer and tells honest clients when to come back.
 */
public final class PasswordHashPool {

  private final PasswordHasher hasher = new PasswordHasher();
  private final WorkerExecutor workers;
  /** Hashes running or waiting, at most. */
  private final int capacity;
  private final AtomicInteger pending = new AtomicInteger();
  private final Counter refused;

  /** {@code threads} 0 means half the cores, at least one: a flood of sign-ins leaves the rest of the CPU free. */
  public PasswordHashPool(Vertx vertx, int threads, int queue, MeterRegistry metrics) {
    int size = threads > 0 ? threads : Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    this.workers = vertx.createSharedWorkerExecutor("password-hashing", size);
    this.capacity = size + queue;
    Gauge.builder("reportpost_password_hashing_pending", pending, AtomicInteger::get)
        .description("password hashes running or waiting for a thread").register(metrics);
    this.refused = Counter.builder("reportpost_password_hashing_refused")
        .description("sign-ins and password changes refused because the hashing queue was full").register(metrics);
  }

  public Future<String> hash(String password) {
    return run(() -> hasher.hash(password));
  }

  /**
   * True when {@code password} matches {@code encoded}. Without a hash (an unknown username) it
   * checks against a decoy and answers false, so both cases take the same time.
   */
  public Future<Boolean> verify(String password, Optional<String> encoded) {
    return run(() -> hasher.verify(password, encoded.orElseGet(Decoy::hash)) && encoded.isPresent());
  }

  /** Made on first use, on a hashing thread. */
  private static final class Decoy {
    private static final String HASH = new PasswordHasher().hash(SessionStore.randomToken());

    static String hash() {
      return HASH;
    }
  }

  private <T> Future<T> run(Callable<T> work) {
    if (pending.incrementAndGet() > capacity) {
      pending.decrementAndGet();
      refused.increment();
      return Future.failedFuture(ProblemException.unavailable(
          "too many passwords are being checked right now; try again in a few seconds", 2));
    }
    return workers.executeBlocking(work, false).andThen(done -> pending.decrementAndGet());
  }
}
