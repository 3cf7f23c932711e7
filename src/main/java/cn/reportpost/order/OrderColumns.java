package cn.reportpost.order;

import java.util.List;

/**
 * Extra columns a transition sets with the status, as SQL ({@code "waybill_no = $4"}) with their
 * values. Only this feature writes the fragments; other features name the change they mean.
 */
public final class OrderColumns {

  public static final OrderColumns NONE = new OrderColumns("", List.of());

  private final String sql;
  private final List<Object> values;

  private OrderColumns(String sql, List<Object> values) {
    this.sql = sql;
    this.values = values;
  }

  /** A payment landed: the transaction is recorded once; on a dead order the refund says why. */
  public static OrderColumns paid(String transactionId) {
    return new OrderColumns("transaction_id = COALESCE(transaction_id, $4), paid_at = COALESCE(paid_at, now()),"
        + " refund_reason = CASE WHEN status IN ('CANCELLED', 'CLOSED') THEN '订单已取消或关闭后付款，全额退回' ELSE refund_reason END",
        List.of(transactionId));
  }

  public static OrderColumns refunded(String refundId) {
    return new OrderColumns("refund_id = $4, refunded_at = now()", List.of(refundId));
  }

  /** Why the order is refunded; replaces an earlier reason. */
  public static OrderColumns refundReason(String reason) {
    return new OrderColumns("refund_reason = $4", List.of(reason));
  }

  /** Why the order is refunded, unless a reason was recorded before. */
  public static OrderColumns firstRefundReason(String reason) {
    return new OrderColumns("refund_reason = COALESCE(refund_reason, $4)", List.of(reason));
  }

  /**
   * An after-sales reship: the report is sent again free of charge, so the order goes back to its
   * site's queue counted as a reship, without the old waybill (the timeline keeps it) or flag.
   */
  public static OrderColumns reship() {
    return new OrderColumns("reship_count = reship_count + 1, waybill_no = NULL, flagged = false", List.of());
  }

  public static OrderColumns waybill(String waybillNo) {
    return new OrderColumns("waybill_no = $4", List.of(waybillNo));
  }

  String sql() {
    return sql;
  }

  List<Object> values() {
    return values;
  }
}
