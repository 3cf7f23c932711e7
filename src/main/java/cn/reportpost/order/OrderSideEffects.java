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

  /**
   * After the change committed: what should follow at once rather than on the next worker run.
   * The mover waits for it a short while; its failure changes nothing (the outbox retries).
   */
  default Future<Void> afterCommit(StoredOrder before, OrderStatus to) {
    return Future.succeededFuture();
  }

  /** Each of {@code effects} in turn, in the one transaction, and after it. */
  static OrderSideEffects all(java.util.List<OrderSideEffects> effects) {
    return new OrderSideEffects() {
      @Override
      public Future<Void> onTransition(SqlConnection tx, StoredOrder before, OrderStatus to, OrderEvent event) {
        Future<Void> chain = Future.succeededFuture();
        for (OrderSideEffects e : effects) {
          chain = chain.compose(v -> e.onTransition(tx, before, to, event));
        }
        return chain;
      }

      @Override
      public Future<Void> afterCommit(StoredOrder before, OrderStatus to) {
        return Future.join(effects.stream().map(e -> e.afterCommit(before, to)).toList()).mapEmpty();
      }
    };
  }
}
