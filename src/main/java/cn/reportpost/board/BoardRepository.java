package cn.reportpost.board;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every SQL statement of the board: the kept counters (ops_status_count, ops_flow) plus the deltas
 * not folded yet, read in one statement each so a fold running meanwhile is seen whole or not at all.
 */
final class BoardRepository {

  /** One city's line: its name and orders per status now. */
  record CityCounts(String cityCode, String name, Map<String, Long> counts) {}

  /** A transition as the stream carries it. */
  record BoardEvent(long id, String orderNo, String cityCode, String from, String to, OffsetDateTime at) {
    JsonObject json() {
      return new JsonObject().put("id", id).put("orderNo", orderNo).put("cityCode", cityCode).put("from", from)
          .put("to", to).put("at", at.toString());
    }

    /** As the trigger's NOTIFY carries it (PostgreSQL's JSON timestamps, offset with a colon). */
    static BoardEvent fromJson(JsonObject json) {
      return new BoardEvent(json.getLong("id"), json.getString("orderNo"), json.getString("cityCode"),
          json.getString("from"), json.getString("to"), OffsetDateTime.parse(json.getString("at")));
    }
  }

  /** Any fixed number: two instances folding at once would otherwise both wait on the same counter rows. */
  private static final long FOLD_LOCK = 16_0002L;
  private static final int FOLD_BATCH = 50_000;

  private final Pool pool;
  private final SqlClient reads;

  BoardRepository(Pool pool, SqlClient reads) {
    this.pool = pool;
    this.reads = reads;
  }

  Future<List<CityCounts>> counts() {
    return reads.preparedQuery("""
            SELECT c.code, c.name, t.status, t.n FROM city c LEFT JOIN (
              SELECT city_code, status, sum(n)::bigint AS n FROM (
                SELECT city_code, status, n FROM ops_status_count
                UNION ALL SELECT city_code, status, sum(present) FROM ops_delta GROUP BY 1, 2) u
              GROUP BY 1, 2) t ON t.city_code = c.code
            ORDER BY c.sort_order, c.code, t.status""")
        .execute().map(rows -> {
          Map<String, CityCounts> cities = new LinkedHashMap<>();
          for (Row r : rows) {
            CityCounts city = cities.computeIfAbsent(r.getString("code"),
                code -> new CityCounts(code, r.getString("name"), new LinkedHashMap<>()));
            if (r.getString("status") != null) {
              city.counts().put(r.getString("status"), r.getLong("n"));
            }
          }
          return new ArrayList<>(cities.values());
        });
  }

  /** Orders created in each hour from {@code since} on, by the hour's start. */
  Future<Map<OffsetDateTime, Long>> ordersPerHour(OffsetDateTime since) {
    return reads.preparedQuery("""
            SELECT hour, sum(entered)::bigint AS n FROM (
              SELECT hour, entered FROM ops_flow WHERE status = 'PENDING_PAYMENT' AND hour >= $1
              UNION ALL SELECT hour, entered FROM ops_delta WHERE status = 'PENDING_PAYMENT' AND entered = 1 AND hour >= $1) u
            GROUP BY hour""")
        .execute(Tuple.of(since)).map(rows -> {
          Map<OffsetDateTime, Long> byHour = new LinkedHashMap<>();
          rows.forEach(r -> byHour.put(r.getOffsetDateTime("hour"), r.getLong("n")));
          return byHour;
        });
  }

  Future<Long> openBreaches() {
    return reads.preparedQuery("SELECT count(*) FROM ops_breach WHERE closed_at IS NULL").execute()
        .map(rows -> rows.iterator().next().getLong(0));
  }

  /**
   * Moves deltas into the counters, in one statement: a reader sees them in one place or the other.
   * Counter rows are written in key order, and one instance folds at a time (advisory lock).
   */
  Future<Integer> fold() {
    return pool.preparedQuery("""
            WITH lock AS (SELECT pg_try_advisory_xact_lock($1) AS got),
            d AS (DELETE FROM ops_delta WHERE id IN (
                    SELECT id FROM ops_delta WHERE (SELECT got FROM lock) ORDER BY id LIMIT $2) RETURNING *),
            s AS (INSERT INTO ops_status_count (city_code, status, n)
                    SELECT city_code, status, sum(present) FROM d GROUP BY 1, 2 ORDER BY 1, 2
                    ON CONFLICT (city_code, status) DO UPDATE SET n = ops_status_count.n + EXCLUDED.n),
            f AS (INSERT INTO ops_flow (hour, city_code, status, entered, amount_fen)
                    SELECT hour, city_code, status, sum(entered), sum(amount_fen) FROM d WHERE entered > 0
                    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
                    ON CONFLICT (hour, city_code, status) DO UPDATE SET entered = ops_flow.entered + EXCLUDED.entered,
                      amount_fen = ops_flow.amount_fen + EXCLUDED.amount_fen)
            SELECT count(*)::int FROM d""")
        .execute(Tuple.of(FOLD_LOCK, FOLD_BATCH)).map(rows -> rows.iterator().next().getInteger(0));
  }

  /** Events older than {@code keepHours} are gone: a client away longer reloads the board. */
  Future<Void> pruneEvents(int keepHours) {
    return pool.preparedQuery("DELETE FROM ops_board_event WHERE at < now() - make_interval(hours => $1)")
        .execute(Tuple.of(keepHours)).mapEmpty();
  }

  Future<List<BoardEvent>> eventsAfter(long id, int limit) {
    return reads.preparedQuery(EVENT_COLUMNS + " WHERE id > $1 ORDER BY id LIMIT $2")
        .execute(Tuple.of(id, limit)).map(BoardRepository::events);
  }

  Future<Long> lastEventId() {
    return reads.preparedQuery("SELECT COALESCE(max(id), 0) FROM ops_board_event").execute()
        .map(rows -> rows.iterator().next().getLong(0));
  }

  private static final String EVENT_COLUMNS = "SELECT id, order_no, city_code, from_status, to_status, at FROM ops_board_event";

  private static List<BoardEvent> events(RowSet<Row> rows) {
    List<BoardEvent> list = new ArrayList<>();
    rows.forEach(r -> list.add(new BoardEvent(r.getLong("id"), r.getString("order_no"), r.getString("city_code"),
        r.getString("from_status"), r.getString("to_status"), r.getOffsetDateTime("at"))));
    return list;
  }
}
