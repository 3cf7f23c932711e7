package cn.reportpost.jobs;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The runner never overlaps a job with itself, counts what it skipped, and waits for a pass in flight on stop. */
class JobRunnerTest {

  private final Vertx vertx = Vertx.vertx();
  private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();

  @AfterEach
  void close() throws Exception {
    vertx.close().await(5, TimeUnit.SECONDS);
  }

  /** A pass that takes {@code millis}, recording how many passes ran at once. */
  private final class SlowJob implements Job {
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger mostAtOnce = new AtomicInteger();
    final AtomicInteger passes = new AtomicInteger();
    final long millis;

    SlowJob(long millis) {
      this.millis = millis;
    }

    @Override
    public String name() {
      return "slow";
    }

    @Override
    public Future<Integer> runOnce() {
      mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
      Promise<Integer> done = Promise.promise();
      vertx.setTimer(millis, id -> {
        running.decrementAndGet();
        passes.incrementAndGet();
        done.complete(3);
      });
      return done.future();
    }
  }

  @Test
  void aPassSlowerThanItsIntervalIsNeverRunTwiceAtOnceAndTheSkippedTicksAreCounted() throws Exception {
    JobRunner runner = new JobRunner(vertx, metrics);
    SlowJob job = new SlowJob(300);
    runner.schedule(job, Duration.ofMillis(50));
    Thread.sleep(1200);
    runner.stop().await(5, TimeUnit.SECONDS);
    assertThat(job.mostAtOnce.get()).isEqualTo(1);
    assertThat(job.passes.get()).isBetween(2, 4);
    assertThat(metrics.counter("reportpost.job.skipped", "job", "slow").count()).isGreaterThan(5);
    assertThat(metrics.counter("reportpost.job.items", "job", "slow").count()).isEqualTo(3.0 * job.passes.get());
    assertThat(metrics.timer("reportpost.job.runs", "job", "slow", "outcome", "ok").count()).isEqualTo(job.passes.get());
  }

  @Test
  void stopWaitsForThePassInFlight() throws Exception {
    JobRunner runner = new JobRunner(vertx, metrics);
    SlowJob job = new SlowJob(500);
    runner.schedule(job, Duration.ofMillis(20));
    Thread.sleep(100);
    assertThat(job.running.get()).isEqualTo(1);
    runner.stop().await(5, TimeUnit.SECONDS);
    assertThat(job.running.get()).as("the pass finished before stop completed").isZero();
    int passes = job.passes.get();
    Thread.sleep(200);
    assertThat(job.passes.get()).as("no pass after stop").isEqualTo(passes);
  }

  @Test
  void leasedWorkKeepsToItsConcurrencyAndRenewsTheLeasesOfWhatIsUnfinished() throws Exception {
    AtomicInteger running = new AtomicInteger();
    AtomicInteger mostAtOnce = new AtomicInteger();
    List<List<Integer>> renewed = Collections.synchronizedList(new ArrayList<>());
    List<Integer> items = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      items.add(i);
    }
    // 12 items of 400 ms, 3 at a time: about 1.6 s, past two renewals of a 3 s lease (every 1 s).
    LeasedWork.forEach(vertx, items, 3, Duration.ofSeconds(3), open -> {
      renewed.add(open);
      return Future.succeededFuture();
    }, item -> {
      mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
      Promise<Void> done = Promise.promise();
      vertx.setTimer(400, id -> {
        running.decrementAndGet();
        done.complete();
      });
      return done.future();
    }).await(10, TimeUnit.SECONDS);
    assertThat(mostAtOnce.get()).isEqualTo(3);
    assertThat(renewed).isNotEmpty();
    assertThat(renewed.get(0)).as("the first renewal holds only what was not finished").hasSizeBetween(1, 11);
  }

  @Test
  void aFailingItemDoesNotStopTheOthers() throws Exception {
    AtomicInteger done = new AtomicInteger();
    LeasedWork.forEach(vertx, List.of(1, 2, 3, 4), 2, Duration.ofSeconds(30), open -> Future.succeededFuture(),
        item -> {
          if (item == 2) {
            throw new IllegalStateException("boom");
          }
          done.incrementAndGet();
          return item == 3 ? Future.failedFuture("no") : Future.succeededFuture();
        }).await(5, TimeUnit.SECONDS);
    assertThat(done.get()).isEqualTo(3);
  }
}
