package cn.reportpost.order.model;

/**
 * Where an order stands (PRODUCT.md §2). The names are part of the API and the database, so they
 * never change. Which moves are allowed between them is {@link OrderStateMachine}'s business.
 */
public enum OrderStatus {
  PENDING_PAYMENT("待支付"),
  PAID("已支付"),
  READY("报告已打包"),
  HANDED_OVER("已交邮政"),
  POSTED("已寄出"),
  IN_TRANSIT("运输中"),
  OUT_FOR_DELIVERY("派送中"),
  DELIVERED("已签收"),
  CANCELLED("已取消"),
  CLOSED("已关闭"),
  REFUNDING("退款中"),
  REFUNDED("已退款"),
  DELIVERY_FAILED("投递失败"),
  RETURNED("已退回");

  private final String label;

  OrderStatus(String label) {
    this.label = label;
  }

  /** What residents read (pages, chat, template messages): at most 5 characters, as WeChat's phrase fields allow. */
  public String label() {
    return label;
  }
}
