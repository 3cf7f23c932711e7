package cn.reportpost.board;

import cn.reportpost.order.OrderEvent;
import cn.reportpost.order.OrderSideEffects;
import cn.reportpost.order.StoredOrder;
import cn.reportpost.order.model.OrderStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;

/**
 * {@code reportpost_order_transitions_total{from,to}}: counted when the transaction that made the
 * change commits (a batch rolled back counts nothing), on the instance that made it.
 */
final class TransitionCounter implements OrderSideEffects {

  private final MeterRegistry metrics;

  TransitionCounter(MeterRegistry metrics) {
    this.metrics = metrics;
  }

  @Override
  public Future<Void> onTransition(SqlConnection tx, StoredOrder before, OrderStatus to, OrderEvent event) {
    Counter counter = Counter.builder("reportpost.order.transitions").tag("from", before.status().name())
        .tag("to", to.name()).description("order status changes committed by this instance").register(metrics);
    Transaction transaction = tx.transaction();
    if (transaction == null) {
      counter.increment();
    } else {
      transaction.completion().onSuccess(v -> counter.increment());
    }
    return Future.succeededFuture();
  }
}
