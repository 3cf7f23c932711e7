package cn.reportpost.notify;

import cn.reportpost.order.OrderEvent;
import cn.reportpost.order.OrderSideEffects;
import cn.reportpost.order.StoredOrder;
import cn.reportpost.order.model.OrderStatus;
import cn.reportpost.outbox.OutboxRepository;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;

import java.util.EnumSet;
import java.util.Set;

/**
 * Writes a message for the resident in the same transaction as each status change they care
 * about, so a change is never announced unless it happened, nor happens unannounced.
 */
public final class OutboxWriter implements OrderSideEffects {

  static final Set<OrderStatus> ANNOUNCED = EnumSet.of(OrderStatus.PAID, OrderStatus.HANDED_OVER, OrderStatus.POSTED,
      OrderStatus.OUT_FOR_DELIVERY, OrderStatus.DELIVERED, OrderStatus.DELIVERY_FAILED, OrderStatus.REFUNDED);

  @Override
  public Future<Void> onTransition(SqlConnection tx, StoredOrder before, OrderStatus to, OrderEvent event) {
    if (!ANNOUNCED.contains(to)) {
      return Future.succeededFuture();
    }
    JsonObject payload = new JsonObject()
        .put("orderNo", before.orderNo())
        .put("status", to.name())
        .put("at", event.at().toString())
        .put("location", event.location())
        .put("note", event.note())
        .put("amountFen", before.amountFen());
    return OutboxRepository.insert(tx, before.orderNo(), before.residentId(), to.name(), payload, event.idempotencyKey());
  }
}
