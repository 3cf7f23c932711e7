package cn.reportpost.shipping;

import cn.reportpost.outbox.OutboxHandler;
import cn.reportpost.outbox.OutboxMessage;
import cn.reportpost.outbox.SendLog;
import cn.reportpost.order.Orders;
import cn.reportpost.order.StoredOrder;
import io.vertx.core.Future;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * Tells WeChat about the parcel of an order paid in the mini-program, when WeChat manages the
 * merchant's trades (it then holds the payment until the goods are shipped and received): the
 * waybill when the order is POSTED, and the delivery when it is DELIVERED, so that WeChat reminds
 * the resident to confirm receipt. Both come through the outbox, so they are retried with backoff
 * and dead-lettered like messages; a retried upload first asks WeChat whether an earlier attempt
 * already went through, so an order is uploaded once even when an answer was lost.
 */
public final class ShippingTasks implements OutboxHandler {

  static final String CHANNEL = "ma-shipping";
  /** WeChat's state once the shipping information is in. */
  private static final int STATE_SHIPPED = 2;

  private final ShippingPort wechat;
  private final Orders orders;
  private final Clock clock;
  private final Duration managedFor;
  private Future<Boolean> managed;
  private Instant managedUntil = Instant.MIN;

  /** {@code managedFor}: how long WeChat's answer to "is the merchant trade-managed" is reused. */
  public ShippingTasks(ShippingPort wechat, Orders orders, Clock clock, Duration managedFor) {
    this.wechat = wechat;
    this.orders = orders;
    this.clock = clock;
    this.managedFor = managedFor;
  }

  @Override
  public Future<Outcome> handle(OutboxMessage m, SendLog log) {
    log.trying(CHANNEL);
    return tradeManaged().compose(managedNow -> {
      if (!managedNow) {
        return Future.succeededFuture(Outcome.skipped("WeChat does not manage this merchant's trades: no shipping information is wanted"));
      }
      return m.kind().equals(ShippingQueue.SHIPPING_INFO) ? upload(m, log) : remind(m, log);
    });
  }

  private Future<Outcome> upload(OutboxMessage m, SendLog log) {
    Future<Integer> earlier = m.attempts() == 0 ? Future.succeededFuture(null) : wechat.state(m.orderNo());
    return earlier.compose(state -> {
      if (state != null && state >= STATE_SHIPPED) {
        log.ok("already uploaded by an earlier attempt (WeChat order_state " + state + ")");
        return Future.succeededFuture(Outcome.delivered());
      }
      return parcel(m.orderNo()).compose(order -> wechat.shipped(m.orderNo(), m.maOpenid(), order.waybillNo(),
              "核酸检测纸质报告 " + order.copies() + " 份", OffsetDateTime.now(clock))
          .map(v -> {
            log.ok("uploaded EMS " + order.waybillNo());
            return Outcome.delivered();
          }));
    });
  }

  private Future<Outcome> remind(OutboxMessage m, SendLog log) {
    OffsetDateTime at = OffsetDateTime.parse(m.payload().getString("at"));
    return wechat.delivered(m.orderNo(), at).map(v -> {
      log.ok("receipt reminder requested for delivery at " + at);
      return Outcome.delivered();
    });
  }

  /** The order as posted: its waybill number and how many copies went in the envelope. */
  private Future<StoredOrder> parcel(String orderNo) {
    return orders.find(orderNo).compose(order -> order.isPresent() && order.get().waybillNo() != null
        ? Future.succeededFuture(order.get())
        : Future.failedFuture(new IllegalStateException("order " + orderNo + " has no waybill number")));
  }

  /** WeChat's answer, asked at most once per {@code managedFor} by this instance; a failed ask is not kept. */
  private synchronized Future<Boolean> tradeManaged() {
    Instant now = clock.instant();
    if (managed == null || now.isAfter(managedUntil) || managed.failed()) {
      managed = wechat.tradeManaged();
      managedUntil = now.plus(managedFor);
    }
    return managed;
  }
}
