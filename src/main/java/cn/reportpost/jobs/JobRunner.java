package cn.reportpost.jobs;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs every background job of this instance on its interval, never two passes of one job at
 * once: a tick that finds the previous pass still running is skipped and counted, so slow work
 * cannot pile up. Other instances are kept apart by the leases each job claims its work with.
 * Metrics per job: {@code reportpost_job_runs_seconds{job,outcome}}, {@code reportpost_job_items_total{job}},
 * {@code reportpost_job_skipped_total{job}}.
 */
public final class JobRunner {

  private static final Logger log = LoggerFactory.getLogger(JobRunner.class);

  private final Vertx vertx;
  private final MeterRegistry metrics;
  private final List<Scheduled> scheduled = new CopyOnWriteArrayList<>();

  public JobRunner(Vertx vertx, MeterRegistry metrics) {
    this.vertx = vertx;
    this.metrics = metrics;
  }

  private final class Scheduled {
    final Job job;
    final Duration interval;
    final AtomicBoolean running = new AtomicBoolean();
    final Counter items;
    final Counter skipped;
    volatile Future<Integer> inFlight = Future.succeededFuture(0);
    volatile long timer = -1;

    Scheduled(Job job, Duration interval) {
      this.job = job;
      this.interval = interval;
      this.items = Counter.builder("reportpost.job.items").tag("job", job.name())
          .description("items a background job worked on").register(metrics);
      this.skipped = Counter.builder("reportpost.job.skipped").tag("job", job.name())
          .description("ticks skipped because the previous pass was still running").register(metrics);
    }

    void tick() {
      if (!running.compareAndSet(false, true)) {
        skipped.increment();
        return;
      }
      Timer.Sample sample = Timer.start(metrics);
      Future<Integer> pass;
      try {
        pass = job.runOnce();
      } catch (RuntimeException e) {
        pass = Future.failedFuture(e);
      }
      inFlight = pass;
      pass.onComplete(ar -> {
        running.set(false);
        sample.stop(Timer.builder("reportpost.job.runs").tag("job", job.name())
            .tag("outcome", ar.succeeded() ? "ok" : "failed").description("passes of a background job").register(metrics));
        if (ar.succeeded()) {
          items.increment(ar.result());
        } else {
          log.warn("job {} failed, tried again next run: {}", job.name(), ar.cause().toString());
        }
      });
    }
  }

  /** Runs {@code job} every {@code interval}, the first time after one interval. */
  public void schedule(Job job, Duration interval) {
    Scheduled s = new Scheduled(job, interval);
    s.timer = vertx.setPeriodic(interval.toMillis(), id -> s.tick());
    scheduled.add(s);
  }

  /** Stops running {@code job} until {@link #resume}; completes when its pass in flight has finished. */
  public Future<Void> pause(Job job) {
    for (Scheduled s : scheduled) {
      if (s.job == job) {
        vertx.cancelTimer(s.timer);
        return s.inFlight.<Void>mapEmpty().otherwiseEmpty();
      }
    }
    return Future.succeededFuture();
  }

  public void resume(Job job) {
    for (Scheduled s : scheduled) {
      if (s.job == job) {
        vertx.cancelTimer(s.timer);
        s.timer = vertx.setPeriodic(s.interval.toMillis(), id -> s.tick());
      }
    }
  }

  /** No more passes; completes when the passes in flight have finished. */
  public Future<Void> stop() {
    scheduled.forEach(s -> vertx.cancelTimer(s.timer));
    List<Future<Integer>> inFlight = scheduled.stream().map(s -> s.inFlight).toList();
    scheduled.clear();
    return Future.join(inFlight).<Void>mapEmpty().otherwiseEmpty();
  }
}
