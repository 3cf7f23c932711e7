package cn.reportpost.outbox;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Every SQL statement of the notification outbox. */
public final class OutboxRepository {

  private final Pool pool;

  public OutboxRepository(Pool pool) {
    this.pool = pool;
  }

  /**
   * Queues a row in the caller's transaction, so it exists exactly when what caused it commits;
   * a second row for the same order and {@code key} is ignored.
   */
  public static Future<Void> insert(SqlConnection tx, String orderNo, long residentId, String kind, JsonObject payload,
      String key) {
    return tx.preparedQuery("""
            INSERT INTO notification_outbox (order_no, resident_id, kind, payload, event_key)
            VALUES ($1, $2, $3, $4, $5) ON CONFLICT (order_no, event_key) DO NOTHING""")
        .execute(Tuple.of(orderNo, residentId, kind, payload, key))
        .mapEmpty();
  }

  /** One message to a staff member: what to send, and the key that makes queueing it twice harmless. */
  public record StaffMessage(JsonObject payload, String key) {
  }

  /**
   * Queues messages to staff members (no order, no resident) in the caller's transaction, in one
   * round trip; a second row with the same key is ignored.
   */
  public static Future<Void> insertForStaff(SqlConnection tx, String kind, List<StaffMessage> messages) {
    if (messages.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Tuple> rows = new ArrayList<>(messages.size());
    for (StaffMessage m : messages) {
      rows.add(Tuple.of(kind, m.payload(), m.key()));
    }
    return tx.preparedQuery("""
            INSERT INTO notification_outbox (kind, payload, event_key) VALUES ($1, $2, $3)
            ON CONFLICT (event_key) WHERE order_no IS NULL DO NOTHING""")
        .executeBatch(rows)
        .mapEmpty();
  }

  /**
   * Claims due messages for {@code lease}: the claim moves their next attempt past the lease, so
   * another worker (on any instance) skips them while this one sends. Only the rows of
   * {@code orderNo} when it is given.
   */
  Future<List<OutboxMessage>> claimDue(int limit, Duration lease, String orderNo) {
    return pool.preparedQuery("""
            WITH due AS (
              SELECT n.id, r.mp_openid, r.ma_openid FROM notification_outbox n LEFT JOIN resident r ON r.id = n.resident_id
              WHERE n.status = 'PENDING' AND n.next_attempt_at <= now() AND ($3::text IS NULL OR n.order_no = $3)
              ORDER BY n.next_attempt_at LIMIT $1 FOR UPDATE OF n SKIP LOCKED)
            UPDATE notification_outbox o SET next_attempt_at = now() + make_interval(secs => $2)
            FROM due WHERE o.id = due.id
            RETURNING o.id, o.order_no, o.kind, o.payload, o.attempts, o.resident_id, due.mp_openid, due.ma_openid""")
        .execute(Tuple.of(limit, (double) lease.toSeconds(), orderNo))
        .map(rows -> {
          List<OutboxMessage> messages = new ArrayList<>();
          rows.forEach(r -> messages.add(new OutboxMessage(r.getLong("id"), r.getString("order_no"), r.getString("kind"),
              (JsonObject) r.getValue("payload"), r.getInteger("attempts"), r.getLong("resident_id"), r.getString("mp_openid"),
              r.getString("ma_openid"))));
          return messages;
        });
  }

  /** Keeps these rows claimed for another {@code lease} while their pass is still working on them. */
  Future<Void> renew(List<Long> ids, Duration lease) {
    return pool.preparedQuery("""
            UPDATE notification_outbox SET next_attempt_at = now() + make_interval(secs => $2)
            WHERE id = ANY($1) AND status = 'PENDING'""")
        .execute(Tuple.of(ids.toArray(new Long[0]), (double) lease.toSeconds())).mapEmpty();
  }

  /** Records a row done: SENT, or SKIPPED with the reason; with every channel the attempt tried. */
  Future<Void> finished(long id, int attempt, OutboxHandler.Outcome outcome, List<SendLog.Entry> tried) {
    List<SendLog.Entry> lines = tried.isEmpty() && !outcome.sent()
        ? List.of(new SendLog.Entry("none", false, outcome.reason())) : tried;
    return pool.withTransaction(tx -> tx.preparedQuery("""
            UPDATE notification_outbox SET attempts = $2,
              status = CASE WHEN $3 THEN 'SENT' ELSE 'SKIPPED' END,
              sent_at = CASE WHEN $3 THEN now() END, last_error = $4
            WHERE id = $1""")
        .execute(Tuple.of(id, attempt, outcome.sent(), outcome.reason()))
        .compose(v -> log(tx, id, attempt, lines)));
  }

  /** Records a failure; the row is retried after {@code backoff}, or dead-lettered when {@code dead}. */
  Future<Void> failed(long id, int attempt, List<SendLog.Entry> tried, String error, Duration backoff, boolean dead) {
    return pool.withTransaction(tx -> tx.preparedQuery("""
            UPDATE notification_outbox SET attempts = $2, last_error = $3,
              status = CASE WHEN $5 THEN 'DEAD' ELSE 'PENDING' END,
              next_attempt_at = now() + make_interval(secs => $4)
            WHERE id = $1""")
        .execute(Tuple.of(id, attempt, error, (double) backoff.toSeconds(), dead))
        .compose(v -> log(tx, id, attempt, tried)));
  }

  private static Future<Void> log(SqlConnection tx, long id, int attempt, List<SendLog.Entry> tried) {
    if (tried.isEmpty()) {
      return Future.succeededFuture();
    }
    return tx.preparedQuery("INSERT INTO notification_log (outbox_id, attempt, channel, ok, answer) VALUES ($1, $2, $3, $4, $5)")
        .executeBatch(tried.stream().map(e -> Tuple.of(id, attempt, e.channel(), e.ok(), e.answer() == null ? "" : e.answer()))
            .toList())
        .mapEmpty();
  }

  public Future<JsonArray> dead(int limit) {
    return pool.preparedQuery("""
            SELECT id, order_no, kind, attempts, last_error, created_at FROM notification_outbox
            WHERE status = 'DEAD' ORDER BY created_at DESC LIMIT $1""")
        .execute(Tuple.of(limit)).map(rows -> {
          JsonArray list = new JsonArray();
          for (Row r : rows) {
            list.add(new JsonObject().put("id", r.getLong("id")).put("orderNo", r.getString("order_no"))
                .put("kind", r.getString("kind")).put("attempts", r.getInteger("attempts"))
                .put("lastError", r.getString("last_error")).put("createdAt", r.getOffsetDateTime("created_at").toString()));
          }
          return list;
        });
  }

  /** Puts a dead message back in the queue with a fresh count; false when it is not dead. */
  public Future<Boolean> retry(long id) {
    return pool.preparedQuery("""
            UPDATE notification_outbox SET status = 'PENDING', attempts = 0, next_attempt_at = now()
            WHERE id = $1 AND status = 'DEAD'""")
        .execute(Tuple.of(id)).map(rows -> rows.rowCount() == 1);
  }

  /** How long the oldest message that is due has waited, in seconds (0 when none is waiting). */
  public Future<Long> lagSeconds() {
    return pool.preparedQuery("""
            SELECT COALESCE(EXTRACT(EPOCH FROM now() - min(next_attempt_at)), 0)::bigint FROM notification_outbox
            WHERE status = 'PENDING' AND next_attempt_at <= now()""")
        .execute().map(rows -> rows.iterator().next().getLong(0));
  }
}
