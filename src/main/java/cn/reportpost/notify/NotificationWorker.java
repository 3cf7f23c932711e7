package cn.reportpost.notify;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;


/**
 * Sends the outbox: claimed with a lease so workers on any number of instances never send one
 * message twice, retried with exponential backoff, dead-lettered after {@code maxAttempts}.
 */
public final class NotificationWorker {

  private static final Logger log = LoggerFactory.getLogger(NotificationWorker.class);
  private static final int BATCH = 50;
  private static final String CHANNEL = "mp-template";

  private final Vertx vertx;
  private final OutboxRepository outbox;
  private final ResidentMessenger messenger;
  private final int maxAttempts;
  private final Duration firstBackoff;
  private final Duration lease;
  private long timer = -1;
  private boolean running;

  public NotificationWorker(Vertx vertx, OutboxRepository outbox, ResidentMessenger messenger, int maxAttempts,
      Duration firstBackoff, Duration lease) {
    this.vertx = vertx;
    this.outbox = outbox;
    this.messenger = messenger;
    this.maxAttempts = maxAttempts;
    this.firstBackoff = firstBackoff;
    this.lease = lease;
  }

  public void start(Duration interval) {
    timer = vertx.setPeriodic(interval.toMillis(), id -> {
      if (running) {
        return;
      }
      running = true;
      runOnce().onComplete(ar -> {
        running = false;
        if (ar.failed()) {
          log.warn("notification run failed: {}", ar.cause().toString());
        }
      });
    });
  }

  public void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  /** Sends what is due now; answers how many messages were attempted. */
  public Future<Integer> runOnce() {
    return outbox.claimDue(BATCH, lease).compose(messages -> {
      Future<Void> chain = Future.succeededFuture();
      for (OutboxMessage m : messages) {
        chain = chain.compose(v -> send(m).recover(e -> {
          log.warn("outbox message {} not recorded: {}", m.id(), e.toString());
          return Future.succeededFuture();
        }));
      }
      return chain.map(messages.size());
    });
  }

  private Future<Void> send(OutboxMessage m) {
    int attempt = m.attempts() + 1;
    if (m.openid() == null) {
      return outbox.skipped(m.id(), attempt, "the resident has no official-account openid");
    }
    return messenger.sendStatus(m.openid(), m.payload())
        .compose(msgid -> outbox.sent(m.id(), attempt, CHANNEL, "ok msgid=" + msgid))
        .recover(e -> {
          boolean dead = attempt >= maxAttempts;
          Duration backoff = firstBackoff.multipliedBy(1L << Math.min(attempt - 1, 10));
          if (dead) {
            log.error("outbox message {} for order {} dead after {} attempts: {}", m.id(), m.orderNo(), attempt, e.getMessage());
          }
          return outbox.failed(m.id(), attempt, CHANNEL, String.valueOf(e.getMessage()), backoff, dead);
        });
  }

}
