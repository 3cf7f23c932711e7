package cn.reportpost.notify;

import cn.reportpost.order.OrderEvent;
import cn.reportpost.order.OrderSideEffects;
import cn.reportpost.order.StoredOrder;
import cn.reportpost.order.model.OrderStatus;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Writes a message for the resident in the same transaction as each status change they care
 * about, so a change is never announced unless it happened, nor happens unannounced. For an order
 * paid in the mini-program it also queues the shipping information WeChat wants (on POSTED) and
 * the receipt reminder (on DELIVERED), under the same guarantee.
 */
public final class OutboxWriter implements OrderSideEffects {

  static final Set<OrderStatus> ANNOUNCED = EnumSet.of(OrderStatus.PAID, OrderStatus.HANDED_OVER, OrderStatus.POSTED,
      OrderStatus.OUT_FOR_DELIVERY, OrderStatus.DELIVERED, OrderStatus.DELIVERY_FAILED, OrderStatus.REFUNDED);

  /** The row kind that uploads an order's shipping information to WeChat. */
  public static final String SHIPPING_INFO = "SHIPPING_INFO";
  /** The row kind that asks WeChat to remind the payer to confirm receipt. */
  public static final String RECEIPT_REMINDER = "RECEIPT_REMINDER";
  /** Kinds of rows that are not messages to the resident, by the status that queues them. */
  private static final Map<OrderStatus, String> SHIPPING = Map.of(
      OrderStatus.POSTED, SHIPPING_INFO, OrderStatus.DELIVERED, RECEIPT_REMINDER);

  private final String miniAppId;

  /** {@code miniAppId}: the mini-program's appid, or null when the product runs without one. */
  public OutboxWriter(String miniAppId) {
    this.miniAppId = miniAppId;
  }

  @Override
  public Future<Void> onTransition(SqlConnection tx, StoredOrder before, OrderStatus to, OrderEvent event) {
    Future<Void> message = ANNOUNCED.contains(to) ? announce(tx, before, to, event) : Future.succeededFuture();
    boolean paidInMiniApp = miniAppId != null && miniAppId.equals(before.payAppId());
    if (!paidInMiniApp || !SHIPPING.containsKey(to)) {
      return message;
    }
    JsonObject payload = new JsonObject().put("orderNo", before.orderNo()).put("at", event.at().toString());
    return message.compose(v -> insert(tx, before, SHIPPING.get(to), payload, event.idempotencyKey() + "#shipping"));
  }

  private static Future<Void> announce(SqlConnection tx, StoredOrder before, OrderStatus to, OrderEvent event) {
    JsonObject payload = new JsonObject()
        .put("orderNo", before.orderNo())
        .put("status", to.name())
        .put("at", event.at().toString())
        .put("location", event.location())
        .put("note", event.note())
        .put("amountFen", before.amountFen());
    return insert(tx, before, to.name(), payload, event.idempotencyKey());
  }

  private static Future<Void> insert(SqlConnection tx, StoredOrder order, String kind, JsonObject payload, String key) {
    return tx.preparedQuery("""
            INSERT INTO notification_outbox (order_no, resident_id, kind, payload, event_key)
            VALUES ($1, $2, $3, $4, $5) ON CONFLICT (order_no, event_key) DO NOTHING""")
        .execute(Tuple.of(order.orderNo(), order.residentId(), kind, payload, key))
        .mapEmpty();
  }
}
