package cn.reportpost.outbox;

import cn.reportpost.jobs.Job;
import cn.reportpost.jobs.LeasedWork;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;


/**
 * Sends the outbox: claimed with a lease so workers on any number of instances never send one
 * message twice, retried with exponential backoff, dead-lettered after {@code maxAttempts}.
 */
public final class OutboxWorker implements Job {

  private static final Logger LOG = LoggerFactory.getLogger(OutboxWorker.class);
  private static final int BATCH = 50;
  /** Rows sent at once: a slow WeChat then holds a pass up for a few calls' time, not fifty. */
  private static final int CONCURRENCY = 4;

  private final Vertx vertx;
  private final OutboxRepository outbox;
  private final OutboxHandler handler;
  private final int maxAttempts;
  private final Duration firstBackoff;
  private final Duration lease;
  private final MeterRegistry metrics;

  public OutboxWorker(Vertx vertx, OutboxRepository outbox, OutboxHandler handler, MeterRegistry metrics, int maxAttempts,
      Duration firstBackoff, Duration lease) {
    this.metrics = metrics;
    this.vertx = vertx;
    this.outbox = outbox;
    this.handler = handler;
    this.maxAttempts = maxAttempts;
    this.firstBackoff = firstBackoff;
    this.lease = lease;
  }

  @Override
  public String name() {
    return "outbox";
  }

  /** Sends what is due now; answers how many messages were attempted. */
  @Override
  public Future<Integer> runOnce() {
    return run(null);
  }

  /**
   * Carries out what is due for one order now, without waiting for the next run: for rows that
   * should follow their transaction at once, such as closing a cancelled order's payment.
   */
  public Future<Integer> runFor(String orderNo) {
    return run(orderNo);
  }

  private Future<Integer> run(String orderNo) {
    return outbox.claimDue(BATCH, lease, orderNo).compose(messages -> LeasedWork.forEach(vertx, messages, CONCURRENCY,
        lease, open -> outbox.renew(open.stream().map(OutboxMessage::id).toList(), lease), this::send)
        .map(messages.size()));
  }

  private Future<Void> send(OutboxMessage m) {
    int attempt = m.attempts() + 1;
    SendLog log = new SendLog();
    Future<OutboxHandler.Outcome> outcome;
    try {
      outcome = handler.handle(m, log);
    } catch (RuntimeException e) {
      outcome = Future.failedFuture(e);
    }
    // Only the handler's failure is a failed attempt; failing to record a sent message is not one.
    return outcome.transform(ar -> {
      count(m.kind(), ar.succeeded() ? (ar.result().sent() ? "sent" : "skipped")
          : attempt >= maxAttempts ? "dead" : "failed");
      return ar.succeeded() ? outbox.finished(m.id(), attempt, ar.result(), log.entries())
          : failed(m, attempt, log, ar.cause());
    });
  }

  /** {@code reportpost_notification_sends_total{kind,outcome}}: each attempt at an outbox row, by how it ended. */
  private void count(String kind, String outcome) {
    Counter.builder("reportpost.notification.sends").tag("kind", kind).tag("outcome", outcome)
        .description("outbox sends (messages to residents, alerts) by outcome").register(metrics).increment();
  }

  /** Retried after a backoff that doubles each time, or dead-lettered after {@code maxAttempts}. */
  private Future<Void> failed(OutboxMessage m, int attempt, SendLog log, Throwable e) {
    boolean dead = attempt >= maxAttempts;
    Duration backoff = firstBackoff.multipliedBy(1L << Math.min(attempt - 1, 10));
    if (dead) {
      LOG.error("outbox message {} ({}) for order {} dead after {} attempts: {}", m.id(), m.kind(), m.orderNo(),
          attempt, e.getMessage());
    }
    log.refused(String.valueOf(e.getMessage()));
    return outbox.failed(m.id(), attempt, log.entries(), String.valueOf(e.getMessage()), backoff, dead);
  }
}
