package cn.reportpost.order;

import cn.reportpost.order.model.OrderStatus;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;

/**
 * What else is written in the same transaction as a status change (the notification outbox, for
 * one). Whatever is here commits or rolls back with the change itself.
 */
public interface OrderSideEffects {

  Future<Void> onTransition(SqlConnection tx, StoredOrder before, OrderStatus to, OrderEvent event);
}
