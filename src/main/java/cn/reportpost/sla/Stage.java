package cn.reportpost.sla;

import java.util.List;

/**
 * A stage an order must leave within its limit: the statuses it waits in (the posted stage runs
 * through transit and delivery until DELIVERED), its Chinese name, and the setting of its limit.
 */
enum Stage {
  PAID_TO_READY(List.of("PAID"), "已付款→已备好", "paidToReadyHours"),
  READY_TO_HANDED_OVER(List.of("READY"), "已备好→已交接", "readyToHandedOverHours"),
  HANDED_OVER_TO_POSTED(List.of("HANDED_OVER"), "已交接→已寄出", "handedOverToPostedHours"),
  POSTED_TO_DELIVERED(List.of("POSTED", "IN_TRANSIT", "OUT_FOR_DELIVERY"), "已寄出→已签收", "postedToDeliveredHours"),
  REFUNDING(List.of("REFUNDING"), "退款处理中", "refundingHours"),
  /** An after-sales case no one has answered: its clock runs from the case's opening. */
  AFTERSALES_UNANSWERED(List.of(), "售后未答复", "aftersalesUnansweredHours");

  final List<String> statuses;
  final String label;
  final String setting;

  /** Whether the clock is the order's time in its status stage (otherwise an after-sales case's opening). */
  boolean ofOrderStatus() {
    return !statuses.isEmpty();
  }

  Stage(List<String> statuses, String label, String setting) {
    this.statuses = statuses;
    this.label = label;
    this.setting = setting;
  }
}
