package cn.reportpost.payment;

import cn.reportpost.order.OrderEvent;
import cn.reportpost.order.OrderSideEffects;
import cn.reportpost.order.StoredOrder;
import cn.reportpost.order.model.OrderStatus;
import cn.reportpost.outbox.OutboxRepository;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;

import java.util.Map;
import java.util.function.Function;

/**
 * Money moves that follow a status change: a cancelled order's payment is closed at WeChat, a
 * refunding order is refunded, whoever moved it (resident, site staff, a payment landing on a
 * dead order). Each is queued in the transaction of the change, so a rolled-back change moves no
 * money and a committed one is never forgotten; {@link PaymentOutbox} carries them out.
 */
public final class PaymentMoves implements OrderSideEffects {

  public static final String CLOSE_PAYMENT = "CLOSE_PAYMENT";
  public static final String REFUND = "REFUND";
  private static final Map<OrderStatus, String> KINDS = Map.of(
      OrderStatus.CANCELLED, CLOSE_PAYMENT, OrderStatus.REFUNDING, REFUND);

  private final Function<String, Future<?>> carryOutNow;

  /** {@code carryOutNow}: carries out an order's queued rows at once (the outbox worker's runFor). */
  public PaymentMoves(Function<String, Future<?>> carryOutNow) {
    this.carryOutNow = carryOutNow;
  }

  /** The resident sees the payment closed or the refund asked for when the answer comes, as far as WeChat allows. */
  @Override
  public Future<Void> afterCommit(StoredOrder before, OrderStatus to) {
    return KINDS.containsKey(to) ? carryOutNow.apply(before.orderNo()).mapEmpty() : Future.succeededFuture();
  }

  @Override
  public Future<Void> onTransition(SqlConnection tx, StoredOrder before, OrderStatus to, OrderEvent event) {
    String kind = KINDS.get(to);
    if (kind == null) {
      return Future.succeededFuture();
    }
    // The refund's ledger row comes with the change: its amount is what earlier refunds left.
    Future<Void> ledger = to == OrderStatus.REFUNDING
        ? RefundLedger.insertFull(tx, before.orderNo(), event.actorRole() + ":" + event.actorId()) : Future.succeededFuture();
    return ledger.compose(v -> OutboxRepository.insert(tx, before.orderNo(), before.residentId(), kind,
        new JsonObject().put("orderNo", before.orderNo()), event.idempotencyKey() + "#" + kind));
  }
}
