package cn.reportpost.payment;

import cn.reportpost.order.Orders;
import cn.reportpost.order.model.OrderStatus;
import cn.reportpost.outbox.OutboxHandler;
import cn.reportpost.outbox.OutboxMessage;
import cn.reportpost.outbox.SendLog;
import io.vertx.core.Future;

import java.util.Map;

/**
 * Carries out the money moves {@link PaymentMoves} queued, after commit: retried until WeChat has
 * them (the refund number is fixed per order, so retries refund once).
 */
public final class PaymentOutbox implements OutboxHandler {

  private final PaymentService payments;
  private final Orders orders;

  public PaymentOutbox(PaymentService payments, Orders orders) {
    this.payments = payments;
    this.orders = orders;
  }

  /** The outbox kinds this handler carries out. */
  public Map<String, OutboxHandler> handlers() {
    return Map.of(PaymentMoves.CLOSE_PAYMENT, this, PaymentMoves.REFUND, this);
  }

  @Override
  public Future<Outcome> handle(OutboxMessage message, SendLog log) {
    log.trying("wechat-pay");
    return orders.find(message.orderNo()).compose(found -> {
      if (PaymentMoves.CLOSE_PAYMENT.equals(message.kind())) {
        return found.isPresent() && found.get().prepayId() == null
            ? Future.succeededFuture(Outcome.skipped("never sent to WeChat Pay: nothing to close"))
            : payments.closeAfterCancel(message.orderNo()).map(v -> done(log, "closed"));
      }
      if (found.isEmpty() || found.get().status() != OrderStatus.REFUNDING) {
        return Future.succeededFuture(Outcome.skipped("the order is no longer refunding"));
      }
      return payments.refund(found.get()).map(v -> done(log, "refund requested"));
    });
  }

  private static Outcome done(SendLog log, String answer) {
    log.ok(answer);
    return Outcome.delivered();
  }
}
