package cn.reportpost.tracking;

import cn.reportpost.order.OrderEvent;
import cn.reportpost.order.OrderSideEffects;
import cn.reportpost.order.StoredOrder;
import cn.reportpost.order.model.OrderStatus;
import cn.reportpost.outbox.OutboxRepository;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;

/**
 * Queues the tracking subscription of an order as it is POSTED, in the transaction of that change:
 * a posting that rolls back subscribes nothing, one that commits is never forgotten.
 * {@link TrackingSubscriber} carries it out through the outbox, retried until Kuaidi100 has it.
 */
public final class TrackingQueue implements OrderSideEffects {

  /** The outbox row kind that subscribes an order's waybill with Kuaidi100. */
  public static final String SUBSCRIBE_TRACKING = "SUBSCRIBE_TRACKING";

  private final String salt;

  /** {@code salt}: what the subscription asks Kuaidi100 to sign its pushes with. */
  public TrackingQueue(TrackingSettings settings) {
    this.salt = settings.salt();
  }

  @Override
  public Future<Void> onTransition(SqlConnection tx, StoredOrder before, OrderStatus to, OrderEvent event) {
    if (to != OrderStatus.POSTED) {
      return Future.succeededFuture();
    }
    return TrackingRepository.queue(tx, before.orderNo(), salt)
        .compose(v -> OutboxRepository.insert(tx, before.orderNo(), before.residentId(), SUBSCRIBE_TRACKING,
            new JsonObject().put("orderNo", before.orderNo()), event.idempotencyKey() + "#tracking"));
  }
}
