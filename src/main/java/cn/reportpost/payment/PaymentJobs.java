package cn.reportpost.payment;

import cn.reportpost.order.OrderEvent;
import cn.reportpost.order.OrderColumns;
import cn.reportpost.order.Orders;
import cn.reportpost.order.OrderTransitions;
import cn.reportpost.order.StoredOrder;
import cn.reportpost.order.model.ActorRole;
import cn.reportpost.order.model.OrderNumber;
import cn.reportpost.order.model.OrderStatus;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The safety net under WeChat's notifies, safe on any number of instances: each run claims its
 * orders with a lease (FOR UPDATE SKIP LOCKED), so two instances never work on one order.
 * Unpaid orders are asked about at WeChat (a lost notify costs nobody their order) and closed
 * when their time is up; refunds are issued or completed by asking WeChat.
 */
public final class PaymentJobs {

  private static final Logger log = LoggerFactory.getLogger(PaymentJobs.class);
  private static final int BATCH = 50;

  private final Vertx vertx;
  private final WeChatPay pay;
  private final PaymentService payments;
  private final Orders orders;
  private final OrderTransitions transitions;
  private final Clock clock;
  private final Duration reconcileAfter;
  private final Duration unpaidLifetime;
  private final Duration lease;
  private long timer = -1;
  /** The periodic run in flight, if any: shutdown waits for it. */
  private volatile Future<Void> inFlight = Future.succeededFuture();

  public PaymentJobs(Vertx vertx, PaymentService payments, Orders orders, OrderTransitions transitions,
      Clock clock, Duration reconcileAfter, Duration unpaidLifetime, Duration interval) {
    this.vertx = vertx;
    this.pay = payments.wechat();
    this.payments = payments;
    this.orders = orders;
    this.transitions = transitions;
    this.clock = clock;
    this.reconcileAfter = reconcileAfter;
    this.unpaidLifetime = unpaidLifetime;
    // An order claimed by one run is left alone by every instance until the next run is due.
    this.lease = interval;
  }

  public void start() {
    timer = vertx.setPeriodic(lease.toMillis(), lease.toMillis(), id -> inFlight = runOnce()
        .onFailure(e -> log.warn("payment jobs run failed: {}", e.toString())));
  }

  /** No more runs; completes when the run in flight (if any) has finished. */
  public Future<Void> stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    return inFlight.otherwiseEmpty();
  }

  /** One pass of every job; tests call it directly. */
  public Future<Void> runOnce() {
    return reconcileUnpaid().compose(v -> completeRefunds());
  }

  Future<Void> reconcileUnpaid() {
    OffsetDateTime now = OffsetDateTime.now(clock);
    return orders.claim(OrderStatus.PENDING_PAYMENT, now.minus(reconcileAfter), lease, BATCH)
        .compose(claimed -> each(claimed, order -> reconcile(order, now)));
  }

  private Future<Void> reconcile(StoredOrder order, OffsetDateTime now) {
    return pay.query(order.orderNo()).compose(state -> {
      if (state.paid()) {
        return payments.paymentConfirmed(state, "对账查询").mapEmpty();
      }
      if (order.createdAt().plus(unpaidLifetime).isAfter(now)) {
        return Future.succeededFuture();
      }
      // Close at WeChat first: once that succeeds no payment can land, so CLOSED is safe to record.
      Future<Void> closed = "NOT_FOUND".equals(state.tradeState()) ? Future.succeededFuture() : pay.close(order.orderNo());
      return closed.compose(v -> transitions.move(order.orderNo(), OrderStatus.CLOSED, ActorRole.SYSTEM,
          new OrderEvent(ActorRole.SYSTEM, "payment-jobs", now, "", "超过 " + unpaidLifetime.toMinutes() + " 分钟未支付，订单关闭",
              "closed:" + order.orderNo()), OrderColumns.NONE).mapEmpty());
    });
  }

  Future<Void> completeRefunds() {
    OffsetDateTime now = OffsetDateTime.now(clock);
    // Refunds asked for just now are still on their way; look at those older than the reconcile delay.
    return orders.claim(OrderStatus.REFUNDING, now.minus(reconcileAfter), lease, BATCH)
        .compose(claimed -> each(claimed, order -> pay.queryRefund(OrderNumber.refundNumber(order.orderNo()))
            .compose(state -> "NOT_FOUND".equals(state.status()) ? payments.refund(order)
                : payments.refundSettled(state, "退款查询"))));
  }

  /** Runs {@code work} for each order one after the other; one failure does not stop the rest. */
  private static Future<Void> each(List<StoredOrder> claimed, java.util.function.Function<StoredOrder, Future<Void>> work) {
    Future<Void> chain = Future.succeededFuture();
    for (StoredOrder order : claimed) {
      chain = chain.compose(v -> work.apply(order).recover(e -> {
        log.warn("payment job on order {} failed, retried next run: {}", order.orderNo(), e.toString());
        return Future.succeededFuture();
      }));
    }
    return chain;
  }
}
