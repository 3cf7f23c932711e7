package cn.reportpost.shipping;

import cn.reportpost.order.OrderEvent;
import cn.reportpost.order.OrderSideEffects;
import cn.reportpost.order.StoredOrder;
import cn.reportpost.order.model.OrderStatus;
import cn.reportpost.outbox.OutboxRepository;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;

import java.util.Map;

/**
 * For an order paid in the mini-program, queues the shipping information WeChat wants (on
 * POSTED) and the receipt reminder (on DELIVERED) in the transaction of the status change.
 */
public final class ShippingQueue implements OrderSideEffects {

  /** The row kind that uploads an order's shipping information to WeChat. */
  public static final String SHIPPING_INFO = "SHIPPING_INFO";
  /** The row kind that asks WeChat to remind the payer to confirm receipt. */
  public static final String RECEIPT_REMINDER = "RECEIPT_REMINDER";
  private static final Map<OrderStatus, String> KINDS = Map.of(
      OrderStatus.POSTED, SHIPPING_INFO, OrderStatus.DELIVERED, RECEIPT_REMINDER);

  private final String miniAppId;

  public ShippingQueue(String miniAppId) {
    this.miniAppId = miniAppId;
  }

  @Override
  public Future<Void> onTransition(SqlConnection tx, StoredOrder before, OrderStatus to, OrderEvent event) {
    if (!miniAppId.equals(before.payAppId()) || !KINDS.containsKey(to)) {
      return Future.succeededFuture();
    }
    JsonObject payload = new JsonObject().put("orderNo", before.orderNo()).put("at", event.at().toString());
    return OutboxRepository.insert(tx, before.orderNo(), before.residentId(), KINDS.get(to), payload,
        event.idempotencyKey() + "#shipping");
  }
}
