package cn.reportpost.order.model;

/**
 * Where an order stands (PRODUCT.md §2). The names are part of the API and the database, so they
 * never change. Which moves are allowed between them is {@link OrderStateMachine}'s business.
 */
public enum OrderStatus {
  PENDING_PAYMENT,
  PAID,
  READY,
  HANDED_OVER,
  POSTED,
  IN_TRANSIT,
  OUT_FOR_DELIVERY,
  DELIVERED,
  CANCELLED,
  CLOSED,
  REFUNDING,
  REFUNDED,
  DELIVERY_FAILED,
  RETURNED
}
