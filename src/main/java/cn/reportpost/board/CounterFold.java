package cn.reportpost.board;

import cn.reportpost.jobs.Job;
import cn.reportpost.outbox.OutboxRepository;
import io.vertx.core.Future;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Folds the board's deltas into its counters (so a reader adds only a few seconds' worth), prunes
 * old stream events, and measures the outbox lag for /metrics.
 */
final class CounterFold implements Job {

  private static final int KEEP_EVENT_HOURS = 24;

  private final BoardRepository board;
  private final OutboxRepository outbox;
  private final AtomicLong outboxLagSeconds;

  CounterFold(BoardRepository board, OutboxRepository outbox, AtomicLong outboxLagSeconds) {
    this.board = board;
    this.outbox = outbox;
    this.outboxLagSeconds = outboxLagSeconds;
  }

  @Override
  public String name() {
    return "board-fold";
  }

  @Override
  public Future<Integer> runOnce() {
    return board.fold().compose(folded -> board.pruneEvents(KEEP_EVENT_HOURS)
        .compose(v -> outbox.lagSeconds()).map(lag -> {
          outboxLagSeconds.set(lag);
          return folded;
        }));
  }
}
