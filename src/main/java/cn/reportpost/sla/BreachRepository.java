package cn.reportpost.sla;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** Every SQL statement about SLA breaches (ops_breach, kept open until the order leaves the stage by a trigger). */
final class BreachRepository {

  static final String ALERT_KIND = "ops.sla_alert";
  /** Breaches an alert names one by one; it counts the rest (the robot takes 4,096 bytes of markdown). */
  static final int ALERT_LISTED = 10;

  /** One open breach as operations list it. */
  record Breach(String orderNo, Stage stage, String cityCode, String cityName, String siteCode, String status,
      OffsetDateTime since, OffsetDateTime dueAt, OffsetDateTime foundAt) {

    JsonObject json() {
      return new JsonObject().put("orderNo", orderNo).put("stage", stage.name()).put("stageName", stage.label)
          .put("cityCode", cityCode).put("cityName", cityName).put("siteCode", siteCode).put("status", status)
          .put("since", since.toString()).put("dueAt", dueAt.toString()).put("foundAt", foundAt.toString());
    }
  }

  /** Where a page of breaches ends: the next page starts after it. */
  record Cursor(OffsetDateTime dueAt, String orderNo, String stage) {}

  /** Open breaches per stage and city, for the gauge. */
  record Tally(String stage, String cityCode, long open) {}

  private final Pool pool;
  private final SqlClient reads;

  BreachRepository(Pool pool, SqlClient reads) {
    this.pool = pool;
    this.reads = reads;
  }

  /**
   * Records up to {@code max} orders newly past the stage's limit and queues one alert for all of
   * them (the first {@link #ALERT_LISTED} listed, oldest first, with the count), in one statement:
   * an order and stage is found, and alerted, once. A backlog of hundreds is one message, not
   * hundreds: a WeCom robot takes 20 a minute.
   */
  Future<Integer> recordNew(Stage stage, Duration limit, int max) {
    return pool.preparedQuery("""
            WITH found AS (
              INSERT INTO ops_breach (order_no, stage, city_code, since, due_at)
              SELECT x.order_no, $1, x.city_code, x.since, x.since + make_interval(secs => $3) FROM (""" + candidates(stage) + """
                ) x
              WHERE NOT EXISTS (SELECT 1 FROM ops_breach b WHERE b.order_no = x.order_no AND b.stage = $1)
              ORDER BY x.since LIMIT $4
              ON CONFLICT DO NOTHING
              RETURNING order_no, city_code, since, due_at),
            listed AS (
              SELECT f.since, f.order_no, jsonb_build_object('orderNo', f.order_no, 'cityName', c.name,
                  'siteCode', o.site_code, 'status', o.status, 'since', f.since, 'dueAt', f.due_at) AS item
              FROM found f JOIN report_order o ON o.order_no = f.order_no JOIN city c ON c.code = f.city_code
              ORDER BY f.since, f.order_no LIMIT $6),
            alert AS (
              INSERT INTO notification_outbox (kind, payload, event_key)
              SELECT $5, jsonb_build_object('stage', $1::text, 'count', count(*),
                  'orders', (SELECT jsonb_agg(item ORDER BY since, order_no) FROM listed)),
                'sla:' || $1 || ':' || pg_current_xact_id()::text
              FROM found HAVING count(*) > 0
              ON CONFLICT (event_key) WHERE order_no IS NULL DO NOTHING)
            SELECT count(*)::int FROM found""")
        .execute(Tuple.from(new Object[] {stage.name(), stage.statuses.toArray(String[]::new), (double) limit.toSeconds(),
            max, ALERT_KIND, ALERT_LISTED}))
        .map(rows -> rows.iterator().next().getInteger(0));
  }

  /**
   * The orders past the stage's limit ($3 seconds), with when its clock started: an order's status
   * stage, or its oldest unanswered case. Each branch filters by age itself, so the after-sales one
   * reads the unanswered-case index by age rather than sorting every open case.
   */
  private static String candidates(Stage stage) {
    return stage.ofOrderStatus() ? """
        SELECT o.order_no, s.city_code, o.stage_since AS since FROM report_order o JOIN site s ON s.code = o.site_code
        WHERE o.status = ANY($2) AND o.stage_since < now() - make_interval(secs => $3)"""
        : """
        SELECT DISTINCT ON (a.order_no) a.order_no, s.city_code, a.opened_at AS since
        FROM aftersales_case a JOIN report_order o ON o.order_no = a.order_no JOIN site s ON s.code = o.site_code
        WHERE a.status = 'OPEN' AND a.first_replied_at IS NULL AND a.opened_at < now() - make_interval(secs => $3)
          AND cardinality($2::text[]) = 0
        ORDER BY a.order_no, a.opened_at""";
  }

  /** Open breaches, the longest overdue first, after {@code after}; filtered by stage and city when given. */
  Future<List<Breach>> open(Stage stage, String cityCode, Cursor after, int limit) {
    return reads.preparedQuery("""
            SELECT b.order_no, b.stage, b.city_code, c.name AS city_name, o.site_code, o.status, b.since, b.due_at, b.found_at
            FROM ops_breach b JOIN report_order o ON o.order_no = b.order_no JOIN city c ON c.code = b.city_code
            WHERE b.closed_at IS NULL AND ($1::text IS NULL OR b.stage = $1) AND ($2::text IS NULL OR b.city_code = $2)
              AND ($3::timestamptz IS NULL OR (b.due_at, b.order_no, b.stage) > ($3, $4, $5))
            ORDER BY b.due_at, b.order_no, b.stage LIMIT $6""")
        .execute(Tuple.from(java.util.Arrays.asList(stage == null ? null : stage.name(), cityCode,
            after == null ? null : after.dueAt(), after == null ? null : after.orderNo(),
            after == null ? null : after.stage(), limit)))
        .map(rows -> {
          List<Breach> list = new ArrayList<>();
          for (Row r : rows) {
            list.add(new Breach(r.getString("order_no"), Stage.valueOf(r.getString("stage")), r.getString("city_code"),
                r.getString("city_name"), r.getString("site_code"), r.getString("status"), r.getOffsetDateTime("since"),
                r.getOffsetDateTime("due_at"), r.getOffsetDateTime("found_at")));
          }
          return list;
        });
  }

  Future<List<Tally>> tally() {
    return reads.preparedQuery("SELECT stage, city_code, count(*) AS n FROM ops_breach WHERE closed_at IS NULL GROUP BY 1, 2")
        .execute().map(rows -> {
          List<Tally> list = new ArrayList<>();
          rows.forEach(r -> list.add(new Tally(r.getString("stage"), r.getString("city_code"), r.getLong("n"))));
          return list;
        });
  }
}
