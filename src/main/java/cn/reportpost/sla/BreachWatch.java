package cn.reportpost.sla;

import cn.reportpost.jobs.Job;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.vertx.core.Future;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Finds orders newly past a stage's limit, records each breach once (its alert queued in the
 * outbox with it), and refreshes {@code reportpost_sla_breaches{stage,city}}: breaches open now.
 */
final class BreachWatch implements Job {

  /** Breaches recorded per stage and pass: a backlog is worked off over a few passes. */
  private static final int BATCH = 500;

  private final BreachRepository repository;
  private final SlaLimits limits;
  private final MultiGauge gauge;

  BreachWatch(BreachRepository repository, SlaLimits limits, MeterRegistry metrics) {
    this.repository = repository;
    this.limits = limits;
    this.gauge = MultiGauge.builder("reportpost.sla.breaches")
        .description("orders past their stage's SLA limit and still in that stage").register(metrics);
  }

  @Override
  public String name() {
    return "sla-breaches";
  }

  @Override
  public Future<Integer> runOnce() {
    AtomicInteger found = new AtomicInteger();
    Future<Void> chain = Future.succeededFuture();
    for (Stage stage : Stage.values()) {
      chain = chain.compose(v -> repository.recordNew(stage, limits.of(stage), BATCH).map(n -> {
        found.addAndGet(n);
        return null;
      }));
    }
    return chain.compose(v -> repository.tally()).map(tally -> {
      gauge.register(tally.stream().map(t -> MultiGauge.Row.of(Tags.of("stage", t.stage(), "city", t.cityCode()),
          t.open())).toList(), true);
      return found.get();
    });
  }
}
