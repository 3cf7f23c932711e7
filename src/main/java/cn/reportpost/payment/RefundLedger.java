package cn.reportpost.payment;

import cn.reportpost.api.FieldError;
import cn.reportpost.api.ProblemException;
import cn.reportpost.db.UniqueViolation;
import cn.reportpost.order.model.OrderNumber;
import cn.reportpost.order.model.OrderStatus;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Every refund asked for an order, one row each with its fixed refund number (SQL of table
 * order_refund). FULL is the refund of the order's own course (REFUNDING → REFUNDED) of whatever
 * was not refunded before; PARTIAL is an operator's refund that leaves the order's status alone.
 * The rows of an order never add up to more than was paid: each is written with the order row locked.
 */
public final class RefundLedger {

  public enum Kind { FULL, PARTIAL }

  /** A refund as recorded; {@code paidFen} is what the order was paid, which WeChat needs beside the refund. */
  public record Refund(String refundNo, String orderNo, Kind kind, int amountFen, int paidFen, String reason,
      String caseNo, String requestedBy, String status, String wechatStatus, String problem, int attempt, String note,
      OffsetDateTime createdAt, OffsetDateTime settledAt) {

    public boolean open() {
      return "PENDING".equals(status) || "PROBLEM".equals(status);
    }

    public JsonObject json() {
      return new JsonObject().put("refundNo", refundNo).put("orderNo", orderNo).put("kind", kind.name())
          .put("amountFen", amountFen).put("paidFen", paidFen).put("reason", reason).put("caseNo", caseNo)
          .put("requestedBy", requestedBy).put("status", status).put("wechatStatus", wechatStatus)
          .put("problem", problem).put("attempt", attempt).put("note", note)
          .put("createdAt", createdAt.toString()).put("settledAt", settledAt == null ? null : settledAt.toString());
    }
  }

  /** Statuses in which an order was paid and its money is still held. */
  static final Set<String> PAID_STATUSES = Set.of("PAID", "READY", "HANDED_OVER", "POSTED", "IN_TRANSIT",
      "OUT_FOR_DELIVERY", "DELIVERED", "DELIVERY_FAILED", "RETURNED");

  private static final String COLUMNS = """
      r.refund_no, r.order_no, r.kind, r.amount_fen, o.amount_fen AS paid_fen, r.reason, r.case_no, r.requested_by,
      r.status, r.wechat_status, r.problem, r.attempt, r.note, r.created_at, r.settled_at""";
  private static final String FROM = " FROM order_refund r JOIN report_order o ON o.order_no = r.order_no ";
  private static final String REFUNDED_BEFORE = "COALESCE((SELECT sum(amount_fen) FROM order_refund x WHERE x.order_no = o.order_no), 0)";

  private final Pool pool;

  public RefundLedger(Pool pool) {
    this.pool = pool;
  }

  /**
   * The refund of an order that just became REFUNDING, written in that transaction (whose status
   * update holds the row lock): what is left after earlier refunds, under the order's own number.
   */
  static Future<Void> insertFull(SqlClient tx, String orderNo, String requestedBy) {
    return tx.preparedQuery("INSERT INTO order_refund (refund_no, order_no, kind, amount_fen, reason, requested_by)"
            + " SELECT $2, o.order_no, 'FULL', o.amount_fen - " + REFUNDED_BEFORE + ", COALESCE(o.refund_reason, '退款'), $3"
            + " FROM report_order o WHERE o.order_no = $1 AND o.amount_fen - " + REFUNDED_BEFORE + " > 0"
            + " ON CONFLICT (refund_no) DO NOTHING")
        .execute(Tuple.of(orderNo, OrderNumber.refundNumber(orderNo), requestedBy)).mapEmpty();
  }

  public Future<Optional<Refund>> byNumber(String refundNo) {
    return pool.preparedQuery("SELECT " + COLUMNS + FROM + "WHERE r.refund_no = $1").execute(Tuple.of(refundNo))
        .map(RefundLedger::first);
  }

  /** The order's FULL refund, when it has one. */
  public Future<Optional<Refund>> full(String orderNo) {
    return pool.preparedQuery("SELECT " + COLUMNS + FROM + "WHERE r.order_no = $1 AND r.kind = 'FULL'")
        .execute(Tuple.of(orderNo)).map(RefundLedger::first);
  }

  public Future<List<Refund>> ofOrder(String orderNo) {
    return pool.preparedQuery("SELECT " + COLUMNS + FROM + "WHERE r.order_no = $1 ORDER BY r.created_at, r.refund_no")
        .execute(Tuple.of(orderNo)).map(RefundLedger::all);
  }

  /**
   * Records a PARTIAL refund of {@code amountFen} (null: all that is left) for a paid order, with
   * the order locked so that two operators at once cannot refund more than was paid together.
   * Its number is the order's next: {orderNo}P{n}. Fails 409 when the order is not paid or too
   * little is left.
   */
  public Future<Refund> addPart(String orderNo, Integer amountFen, String reason, String caseNo, String requestedBy) {
    return pool.withTransaction(tx -> tx.preparedQuery("SELECT status, amount_fen, " + REFUNDED_BEFORE
                + " AS refunded, (SELECT count(*) FROM order_refund x WHERE x.order_no = $1 AND x.kind = 'PARTIAL') AS parts"
                + " FROM report_order o WHERE order_no = $1 FOR UPDATE")
            .execute(Tuple.of(orderNo)).compose(rows -> {
              if (rows.size() == 0) {
                return Future.failedFuture(ProblemException.notFound("no order " + orderNo));
              }
              Row o = rows.iterator().next();
              if (!PAID_STATUSES.contains(o.getString("status"))) {
                return Future.failedFuture(ProblemException.conflict("订单状态为“"
                    + OrderStatus.valueOf(o.getString("status")).label() + "”，没有可退的款项"));
              }
              int left = o.getInteger("amount_fen") - o.getLong("refunded").intValue();
              int amount = amountFen == null ? left : amountFen;
              if (amount <= 0 || amount > left) {
                return Future.failedFuture(new ProblemException(409, "Refund exceeds payment",
                    "退款金额超出可退金额：本单实付 " + yuan(o.getInteger("amount_fen")) + "，还可退 " + yuan(left),
                    List.of(new FieldError("amountFen", "at most " + left + " fen is left to refund"))));
              }
              String refundNo = orderNo + "P" + (o.getLong("parts") + 1);
              return tx.preparedQuery("INSERT INTO order_refund (refund_no, order_no, kind, amount_fen, reason, case_no, requested_by)"
                      + " VALUES ($1, $2, 'PARTIAL', $3, $4, $5, $6)")
                  .execute(Tuple.of(refundNo, orderNo, amount, reason, caseNo, requestedBy)).map(refundNo);
            }))
        .recover(e -> UniqueViolation.is(e, "order_refund_case_idx")
            ? Future.failedFuture(ProblemException.conflict("售后申请 " + caseNo + " 已经退过款"))
            : Future.failedFuture(e))
        .compose(refundNo -> byNumber(refundNo).map(Optional::orElseThrow));
  }

  /** WeChat paid it back: SUCCESS, once. */
  public Future<Void> succeeded(String refundNo, String wechatStatus) {
    return pool.preparedQuery("UPDATE order_refund SET status = 'SUCCESS', wechat_status = $2, problem = NULL,"
            + " settled_at = now() WHERE refund_no = $1 AND status IN ('PENDING', 'PROBLEM')")
        .execute(Tuple.of(refundNo, wechatStatus)).mapEmpty();
  }

  /** WeChat ended it without paying back (ABNORMAL, CLOSED): for the refund desk. */
  public Future<Void> failed(String refundNo, String wechatStatus, String problem) {
    return pool.preparedQuery("UPDATE order_refund SET status = 'PROBLEM', wechat_status = $2, problem = $3"
            + " WHERE refund_no = $1 AND status IN ('PENDING', 'PROBLEM')")
        .execute(Tuple.of(refundNo, wechatStatus, problem)).mapEmpty();
  }

  /** An operator paid it back outside WeChat Pay; true when the row was still open. */
  public Future<Boolean> offline(String refundNo, String note) {
    return pool.preparedQuery("UPDATE order_refund SET status = 'OFFLINE', note = $2, settled_at = now()"
            + " WHERE refund_no = $1 AND status IN ('PENDING', 'PROBLEM')")
        .execute(Tuple.of(refundNo, note)).map(rows -> rows.rowCount() == 1);
  }

  /**
   * A refund WeChat ended cannot be asked again under its number: the retry gets the next one,
   * {original}-{attempt}, still fixed, so a repeated retry refunds once. Answers the row as renumbered.
   */
  public Future<Refund> renumber(Refund refund) {
    String base = refund.refundNo().replaceFirst("-\\d+$", "");
    String next = base + "-" + (refund.attempt() + 1);
    // The order's own refund is the payment job's again: its flag for the desk is lifted.
    return pool.withTransaction(tx -> tx.preparedQuery("UPDATE order_refund SET refund_no = $2, attempt = attempt + 1,"
                + " status = 'PENDING', wechat_status = NULL WHERE refund_no = $1 AND status IN ('PENDING', 'PROBLEM')")
            .execute(Tuple.of(refund.refundNo(), next))
            .compose(v -> refund.kind() == Kind.PARTIAL ? Future.succeededFuture()
                : tx.preparedQuery("UPDATE report_order SET refund_problem = NULL, refund_problem_at = NULL,"
                    + " next_check_at = NULL WHERE order_no = $1").execute(Tuple.of(refund.orderNo())).mapEmpty()))
        .compose(v -> byNumber(next)).map(Optional::orElseThrow);
  }

  /** PARTIAL refunds still waiting for WeChat's answer after {@code after}: the payment job asks again. */
  public Future<List<Refund>> pendingParts(Duration after, int limit) {
    return pool.preparedQuery("SELECT " + COLUMNS + FROM + "WHERE r.status = 'PENDING' AND r.kind = 'PARTIAL'"
            + " AND r.created_at < now() - make_interval(secs => $1) ORDER BY r.created_at LIMIT $2")
        .execute(Tuple.of((double) after.toSeconds(), limit)).map(RefundLedger::all);
  }

  /**
   * The refund desk: refunds WeChat ended without paying back, and those unanswered longer than
   * {@code stuckAfter}; oldest first, keyset paged on (created_at, refund_no).
   */
  public Future<List<Refund>> stuck(Duration stuckAfter, OffsetDateTime afterAt, String afterNo, int limit) {
    return pool.preparedQuery("SELECT " + COLUMNS + FROM + """
            WHERE (r.status = 'PROBLEM' OR (r.status = 'PENDING' AND r.created_at < now() - make_interval(secs => $1)))
              AND ($2::timestamptz IS NULL OR (r.created_at, r.refund_no) > ($2, $3))
            ORDER BY r.created_at, r.refund_no LIMIT $4""")
        .execute(Tuple.of((double) stuckAfter.toSeconds(), afterAt, afterNo, limit)).map(RefundLedger::all);
  }

  private static String yuan(int fen) {
    return String.format("¥%d.%02d", fen / 100, fen % 100);
  }

  private static Optional<Refund> first(RowSet<Row> rows) {
    return rows.size() == 0 ? Optional.empty() : Optional.of(from(rows.iterator().next()));
  }

  private static List<Refund> all(RowSet<Row> rows) {
    List<Refund> list = new ArrayList<>();
    rows.forEach(r -> list.add(from(r)));
    return list;
  }

  private static Refund from(Row r) {
    return new Refund(r.getString("refund_no"), r.getString("order_no"), Kind.valueOf(r.getString("kind")),
        r.getInteger("amount_fen"), r.getInteger("paid_fen"), r.getString("reason"), r.getString("case_no"),
        r.getString("requested_by"), r.getString("status"), r.getString("wechat_status"), r.getString("problem"),
        r.getInteger("attempt"), r.getString("note"), r.getOffsetDateTime("created_at"), r.getOffsetDateTime("settled_at"));
  }
}
