package cn.reportpost.aftersales;

import cn.reportpost.api.ProblemException;
import cn.reportpost.outbox.OutboxRepository;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every SQL statement about after-sales cases and their messages. */
final class AftersalesRepository {

  /** A case as operations list it, with its order's status and site. */
  private static final String CASE_COLUMNS = """
      c.case_no, c.order_no, c.type, c.description, c.status, c.opened_at, c.first_replied_at, c.resolution,
      c.resolution_fen, c.resolution_note, c.resolved_by, c.resolved_at, o.status AS order_status, o.site_code,
      o.amount_fen, o.reship_count,
      o.amount_fen - COALESCE((SELECT sum(amount_fen) FROM order_refund r WHERE r.order_no = o.order_no), 0) AS left_fen""";
  private static final String FROM = " FROM aftersales_case c JOIN report_order o ON o.order_no = c.order_no ";

  private final Pool pool;

  AftersalesRepository(Pool pool) {
    this.pool = pool;
  }

  /**
   * Opens a case and its first message, the order locked so that its cases are numbered
   * {orderNo}-A1, -A2 … without gaps; at most {@code maxOpen} unresolved cases per order.
   */
  Future<String> open(String orderNo, String type, String description, int maxOpen) {
    return pool.withTransaction(tx -> tx.preparedQuery("SELECT 1 FROM report_order WHERE order_no = $1 FOR UPDATE")
        .execute(Tuple.of(orderNo))
        .compose(locked -> tx.preparedQuery("SELECT count(*) AS cases, count(*) FILTER (WHERE status <> 'RESOLVED') AS open"
            + " FROM aftersales_case WHERE order_no = $1").execute(Tuple.of(orderNo)))
        .compose(rows -> {
          Row counts = rows.iterator().next();
          if (counts.getLong("open") >= maxOpen) {
            return Future.failedFuture(ProblemException.conflict("这笔订单已有 " + maxOpen + " 个售后申请正在处理，请等处理完再提交"));
          }
          String caseNo = orderNo + "-A" + (counts.getLong("cases") + 1);
          return tx.preparedQuery("INSERT INTO aftersales_case (case_no, order_no, type, description, status)"
                  + " VALUES ($1, $2, $3, $4, 'OPEN')").execute(Tuple.of(caseNo, orderNo, type, description))
              .compose(v -> tx.preparedQuery("INSERT INTO aftersales_message (case_no, author, body) VALUES ($1, 'RESIDENT', $2)")
                  .execute(Tuple.of(caseNo, description)))
              .map(caseNo);
        }));
  }

  /** The order's cases, oldest first, each with its messages. */
  Future<List<JsonObject>> ofOrder(String orderNo) {
    return pool.preparedQuery("SELECT " + CASE_COLUMNS + FROM + "WHERE c.order_no = $1 ORDER BY c.opened_at, c.case_no")
        .execute(Tuple.of(orderNo)).compose(this::withMessages);
  }

  Future<Optional<JsonObject>> find(String caseNo) {
    return pool.preparedQuery("SELECT " + CASE_COLUMNS + FROM + "WHERE c.case_no = $1").execute(Tuple.of(caseNo))
        .compose(this::withMessages).map(list -> list.stream().findFirst());
  }

  /** Cases of {@code status} (any when null), oldest first, after the cursor's (opened_at, case_no). */
  Future<List<JsonObject>> list(String status, OffsetDateTime afterAt, String afterNo, int limit) {
    return pool.preparedQuery("SELECT " + CASE_COLUMNS + FROM + """
            WHERE ($1::text IS NULL OR c.status = $1)
              AND ($2::timestamptz IS NULL OR (c.opened_at, c.case_no) > ($2, $3))
            ORDER BY c.opened_at, c.case_no LIMIT $4""")
        .execute(Tuple.of(status, afterAt, afterNo, limit)).map(rows -> {
          List<JsonObject> list = new ArrayList<>();
          rows.forEach(r -> list.add(view(r)));
          return list;
        });
  }

  /**
   * An operator's answer: the message, the case answered (its first reply time kept), and the
   * resident's notification in the outbox, all in one transaction. False when the case is resolved.
   */
  Future<Boolean> reply(String caseNo, String staff, String message, JsonObject notice) {
    return pool.withTransaction(tx -> tx.preparedQuery("""
            UPDATE aftersales_case SET status = 'ANSWERED', first_replied_at = COALESCE(first_replied_at, now())
            WHERE case_no = $1 AND status <> 'RESOLVED'
            RETURNING order_no, (SELECT resident_id FROM report_order o WHERE o.order_no = aftersales_case.order_no) AS resident_id""")
        .execute(Tuple.of(caseNo)).compose(rows -> {
          if (rows.size() == 0) {
            return Future.succeededFuture(false);
          }
          Row c = rows.iterator().next();
          return tx.preparedQuery("INSERT INTO aftersales_message (case_no, author, staff, body) VALUES ($1, 'OPS', $2, $3) RETURNING id")
              .execute(Tuple.of(caseNo, staff, message))
              .compose(ids -> OutboxRepository.insert(tx, c.getString("order_no"), c.getLong("resident_id"), "AFTERSALES",
                  notice, "aftersales:" + caseNo + ":" + ids.iterator().next().getLong("id")))
              .map(true);
        }));
  }

  /** Closes the case with its resolution and queues the resident's notification; false when it was resolved before. */
  Future<Boolean> resolve(String caseNo, String resolution, Integer fen, String note, String staff, JsonObject notice) {
    return pool.withTransaction(tx -> tx.preparedQuery("""
            UPDATE aftersales_case SET status = 'RESOLVED', resolution = $2, resolution_fen = $3, resolution_note = $4,
              resolved_by = $5, resolved_at = now(), first_replied_at = COALESCE(first_replied_at, now())
            WHERE case_no = $1 AND status <> 'RESOLVED'
            RETURNING order_no, (SELECT resident_id FROM report_order o WHERE o.order_no = aftersales_case.order_no) AS resident_id""")
        .execute(Tuple.of(caseNo, resolution, fen, note, staff)).compose(rows -> {
          if (rows.size() == 0) {
            return Future.succeededFuture(false);
          }
          Row c = rows.iterator().next();
          return OutboxRepository.insert(tx, c.getString("order_no"), c.getLong("resident_id"), "AFTERSALES", notice,
              "aftersales:" + caseNo + ":resolved").map(true);
        }));
  }

  private Future<List<JsonObject>> withMessages(RowSet<Row> rows) {
    Map<String, JsonObject> cases = new LinkedHashMap<>();
    rows.forEach(r -> cases.put(r.getString("case_no"), view(r).put("messages", new JsonArray())));
    if (cases.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return pool.preparedQuery("SELECT case_no, author, staff, body, at FROM aftersales_message WHERE case_no = ANY($1) ORDER BY id")
        .execute(Tuple.of((Object) cases.keySet().toArray(String[]::new))).map(messages -> {
          messages.forEach(m -> cases.get(m.getString("case_no")).getJsonArray("messages").add(new JsonObject()
              .put("author", m.getString("author")).put("staff", m.getString("staff")).put("body", m.getString("body"))
              .put("at", m.getOffsetDateTime("at").toString())));
          return new ArrayList<>(cases.values());
        });
  }

  private static JsonObject view(Row r) {
    return new JsonObject()
        .put("caseNo", r.getString("case_no"))
        .put("orderNo", r.getString("order_no"))
        .put("type", r.getString("type"))
        .put("description", r.getString("description"))
        .put("status", r.getString("status"))
        .put("openedAt", r.getOffsetDateTime("opened_at").toString())
        .put("firstRepliedAt", text(r.getOffsetDateTime("first_replied_at")))
        .put("resolution", r.getString("resolution"))
        .put("resolutionFen", r.getInteger("resolution_fen"))
        .put("resolutionNote", r.getString("resolution_note"))
        .put("resolvedBy", r.getString("resolved_by"))
        .put("resolvedAt", text(r.getOffsetDateTime("resolved_at")))
        .put("order", new JsonObject().put("status", r.getString("order_status")).put("siteCode", r.getString("site_code"))
            .put("amountFen", r.getInteger("amount_fen")).put("leftFen", r.getLong("left_fen").intValue())
            .put("reshipCount", r.getInteger("reship_count")));
  }

  private static String text(OffsetDateTime at) {
    return at == null ? null : at.toString();
  }
}
