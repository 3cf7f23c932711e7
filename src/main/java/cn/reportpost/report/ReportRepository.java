package cn.reportpost.report;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every SQL statement of the daily report: figures from the board's hourly flow counters (and the
 * deltas not folded yet), the breaches and the refunds settled, so a day costs the same at a
 * million orders; and the kept copies.
 */
final class ReportRepository {

  private final Pool pool;
  private final SqlClient reads;

  ReportRepository(Pool pool, SqlClient reads) {
    this.pool = pool;
    this.reads = reads;
  }

  /** Every city's figures for [start, end), in {@link DailyReport#FIGURES} order. */
  Future<List<DailyReport.Line>> figures(OffsetDateTime start, OffsetDateTime end) {
    return reads.preparedQuery("""
            WITH f AS (
              SELECT city_code, status, sum(entered) AS n, sum(amount_fen) AS amount FROM (
                SELECT city_code, status, entered, amount_fen FROM ops_flow WHERE hour >= $1 AND hour < $2
                UNION ALL
                SELECT city_code, status, entered, amount_fen FROM ops_delta WHERE entered = 1 AND hour >= $1 AND hour < $2) u
              GROUP BY 1, 2),
            b AS (SELECT city_code, count(*) AS n FROM ops_breach WHERE due_at >= $1 AND due_at < $2 GROUP BY 1),
            r AS (
              SELECT s.city_code, count(*) AS n, sum(r.amount_fen) AS amount
              FROM order_refund r JOIN report_order o ON o.order_no = r.order_no JOIN site s ON s.code = o.site_code
              WHERE r.status IN ('SUCCESS', 'OFFLINE') AND r.settled_at >= $1 AND r.settled_at < $2
              GROUP BY 1),
            a AS (
              SELECT s.city_code, count(*) FILTER (WHERE a.opened_at >= $1 AND a.opened_at < $2) AS opened,
                count(*) FILTER (WHERE a.resolved_at >= $1 AND a.resolved_at < $2) AS closed
              FROM aftersales_case a JOIN report_order o ON o.order_no = a.order_no JOIN site s ON s.code = o.site_code
              WHERE (a.opened_at >= $1 AND a.opened_at < $2) OR (a.resolved_at >= $1 AND a.resolved_at < $2)
              GROUP BY 1)
            SELECT c.code, c.name,
              COALESCE(sum(f.n) FILTER (WHERE f.status = 'PENDING_PAYMENT'), 0)::bigint AS ordered,
              COALESCE(sum(f.n) FILTER (WHERE f.status = 'PAID'), 0)::bigint AS paid,
              COALESCE(sum(f.amount) FILTER (WHERE f.status = 'PAID'), 0)::bigint AS amount,
              COALESCE(sum(f.n) FILTER (WHERE f.status = 'HANDED_OVER'), 0)::bigint AS handed_over,
              COALESCE(sum(f.n) FILTER (WHERE f.status = 'POSTED'), 0)::bigint AS posted,
              COALESCE(sum(f.n) FILTER (WHERE f.status = 'DELIVERED'), 0)::bigint AS delivered,
              COALESCE(sum(f.n) FILTER (WHERE f.status = 'DELIVERY_FAILED'), 0)::bigint AS failed,
              COALESCE(max(r.n), 0)::bigint AS refunded,
              COALESCE(max(r.amount), 0)::bigint AS refund_amount,
              COALESCE(max(a.opened), 0)::bigint AS aftersales_opened,
              COALESCE(max(a.closed), 0)::bigint AS aftersales_closed,
              COALESCE(max(b.n), 0)::bigint AS breaches
            FROM city c LEFT JOIN f ON f.city_code = c.code LEFT JOIN b ON b.city_code = c.code
              LEFT JOIN a ON a.city_code = c.code LEFT JOIN r ON r.city_code = c.code
            GROUP BY c.code, c.name, c.sort_order ORDER BY c.sort_order, c.code""")
        .execute(Tuple.of(start, end)).map(rows -> {
          List<DailyReport.Line> lines = new ArrayList<>();
          for (Row r : rows) {
            long[] figures = new long[DailyReport.FIGURES.size()];
            for (int i = 0; i < figures.length; i++) {
              figures[i] = r.getLong(2 + i);
            }
            lines.add(new DailyReport.Line(r.getString("code"), r.getString("name"), figures));
          }
          return lines;
        });
  }

  Future<Optional<JsonObject>> kept(LocalDate day) {
    return reads.preparedQuery("SELECT body FROM ops_daily_report WHERE day = $1").execute(Tuple.of(day))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of((JsonObject) rows.iterator().next().getValue(0)));
  }

  /** The days among [from, to] with no kept report yet. */
  Future<List<LocalDate>> notKept(LocalDate from, LocalDate to) {
    return reads.preparedQuery("""
            SELECT d::date FROM generate_series($1::date, $2::date, interval '1 day') d
            WHERE NOT EXISTS (SELECT 1 FROM ops_daily_report r WHERE r.day = d::date) ORDER BY 1""")
        .execute(Tuple.of(from, to)).map(rows -> {
          List<LocalDate> days = new ArrayList<>();
          rows.forEach(r -> days.add(r.getLocalDate(0)));
          return days;
        });
  }

  /** Keeps the first report made of a day: a second keeper (another instance) changes nothing. */
  Future<Boolean> keep(LocalDate day, JsonObject body) {
    return pool.preparedQuery("INSERT INTO ops_daily_report (day, body) VALUES ($1, $2) ON CONFLICT (day) DO NOTHING")
        .execute(Tuple.of(day, body)).map(rows -> rows.rowCount() == 1);
  }
}
