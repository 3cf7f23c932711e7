package cn.reportpost.outbox;

import io.vertx.core.Future;

/** Carries out one kind of outbox row for the {@link OutboxWorker}. */
public interface OutboxHandler {

  /**
   * Succeeds when the row is done (sent, or skipped for a reason that retrying cannot change);
   * fails when it should be tried again later. Every channel tried goes into {@code log}.
   */
  Future<Outcome> handle(OutboxMessage message, SendLog log);

  /** Rows whose kind is in {@code byKind} go to that handler, all others to {@code otherwise}. */
  static OutboxHandler byKind(java.util.Map<String, OutboxHandler> byKind, OutboxHandler otherwise) {
    return (message, log) -> byKind.getOrDefault(message.kind(), otherwise).handle(message, log);
  }

  /** How a row ended: delivered, or skipped with the reason. */
  record Outcome(boolean sent, String reason) {

    public static Outcome delivered() {
      return new Outcome(true, null);
    }

    public static Outcome skipped(String reason) {
      return new Outcome(false, reason);
    }
  }
}
