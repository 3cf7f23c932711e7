package cn.reportpost.testing;

import cn.reportpost.outbox.OutboxWorker;
import cn.reportpost.outbox.OutboxRepository;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The notification outbox of the test app, and a second worker doing exactly what the app's own
 * worker does: tests make one order's rows due and run it, instead of waiting for the timer.
 */
public final class Outbox {

  private final TestApp app;
  private final OutboxWorker worker;

  public Outbox(TestApp app) {
    this.app = app;
    this.worker = new OutboxWorker(app.app().services().vertx(), new OutboxRepository(app.app().services().pool()),
        app.app().modules().outboxHandler(), app.app().services().metrics(), 8, Duration.ofSeconds(30), Duration.ofSeconds(60));
  }

  /** The row of this kind for the order: id, status, attempts, last_error; null when there is none. */
  public Row row(String orderNo, String kind) throws Exception {
    var rows = app.app().services().pool().preparedQuery(
            "SELECT id, status, attempts, last_error FROM notification_outbox WHERE order_no = $1 AND kind = $2")
        .execute(Tuple.of(orderNo, kind)).await(5, TimeUnit.SECONDS);
    return rows.size() == 0 ? null : rows.iterator().next();
  }

  /**
   * Runs the worker until the row is no longer PENDING (at most {@code runs} times), making it due
   * before each run and every other pending row wait, so that faults hit only this order.
   */
  public String settle(String orderNo, String kind, int runs) throws Exception {
    String status = "PENDING";
    for (int i = 0; i < runs && "PENDING".equals(status); i++) {
      app.app().services().pool().preparedQuery("UPDATE notification_outbox SET next_attempt_at ="
              + " CASE WHEN order_no = $1 AND kind = $2 THEN now() ELSE now() + interval '1 hour' END WHERE status = 'PENDING'")
          .execute(Tuple.of(orderNo, kind)).await(5, TimeUnit.SECONDS);
      worker.runOnce().await(20, TimeUnit.SECONDS);
      status = waitWhileClaimed(orderNo, kind);
    }
    return status;
  }

  /** The app's own worker may hold the row for a moment: wait until it lets go, or 5 s. */
  private String waitWhileClaimed(String orderNo, String kind) throws Exception {
    long deadline = System.currentTimeMillis() + 5000;
    Row row = row(orderNo, kind);
    while (row != null && "PENDING".equals(row.getString("status")) && row.getInteger("attempts") == 0
        && System.currentTimeMillis() < deadline) {
      Thread.sleep(50);
      row = row(orderNo, kind);
    }
    return row == null ? null : row.getString("status");
  }

  /** Every channel tried for the row, in order: {channel, ok, answer, attempt}. */
  public List<JsonObject> log(String orderNo, String kind) throws Exception {
    List<JsonObject> lines = new ArrayList<>();
    for (Row r : app.app().services().pool().preparedQuery("""
            SELECT l.channel, l.ok, l.answer, l.attempt FROM notification_log l JOIN notification_outbox o ON o.id = l.outbox_id
            WHERE o.order_no = $1 AND o.kind = $2 ORDER BY l.id""")
        .execute(Tuple.of(orderNo, kind)).await(5, TimeUnit.SECONDS)) {
      lines.add(new JsonObject().put("channel", r.getString("channel")).put("ok", r.getBoolean("ok"))
          .put("answer", r.getString("answer")).put("attempt", r.getInteger("attempt")));
    }
    return lines;
  }
}
