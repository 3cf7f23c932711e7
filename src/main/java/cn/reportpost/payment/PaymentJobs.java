package cn.reportpost.payment;

import cn.reportpost.jobs.Job;
import cn.reportpost.jobs.LeasedWork;
import cn.reportpost.order.OrderColumns;
import cn.reportpost.order.OrderEvent;
import cn.reportpost.order.OrderTransitions;
import cn.reportpost.order.Orders;
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

/**
 * The safety net under WeChat's notifies, safe on any number of instances: each pass claims the
 * orders that are due with a lease (FOR UPDATE SKIP LOCKED) and asks WeChat about a few at a time.
 * An unpaid order WeChat knows is asked about once it has had time to be paid, then less and less
 * often, so a lost notify on a new order is found at the next pass however many old orders wait;
 * an order never sent to WeChat is not asked about, only closed when its time is up. A cancelled
 * order whose payment is not known closed is closed again (a payment found there is refunded),
 * and refunds are issued or completed by asking WeChat.
 */
public final class PaymentJobs implements Job {

  private static final Logger log = LoggerFactory.getLogger(PaymentJobs.class);
  private static final int BATCH = 200;
  /** WeChat calls at once: bounded so one pass cannot flood the WeChat worker pool. */
  private static final int CONCURRENCY = 8;
  /** Longer than a pass takes; renewed while it still works on an order. */
  private static final Duration LEASE = Duration.ofMinutes(2);
  private static final Duration MAX_RECHECK = Duration.ofMinutes(10);

  private final Vertx vertx;
  private final WeChatPay pay;
  private final PaymentService payments;
  private final Orders orders;
  private final OrderTransitions transitions;
  private final Clock clock;
  private final Duration reconcileAfter;
  private final Duration unpaidLifetime;

  /** {@code reconcileAfter}: how long an order may wait for its notify before WeChat is asked; also the first re-check. */
  public PaymentJobs(Vertx vertx, PaymentService payments, Orders orders, OrderTransitions transitions, Clock clock,
      Duration reconcileAfter, Duration unpaidLifetime) {
    this.vertx = vertx;
    this.pay = payments.wechat();
    this.payments = payments;
    this.orders = orders;
    this.transitions = transitions;
    this.clock = clock;
    this.reconcileAfter = reconcileAfter;
    this.unpaidLifetime = unpaidLifetime;
  }

  @Override
  public String name() {
    return "payments";
  }

  /** One pass; tests call it directly. Answers how many orders it looked at. */
  @Override
  public Future<Integer> runOnce() {
    return orders.claimPaymentChecks(reconcileAfter, unpaidLifetime, reconcileAfter, MAX_RECHECK, LEASE, BATCH)
        .compose(claimed -> LeasedWork.forEach(vertx, claimed, CONCURRENCY, LEASE,
            open -> orders.renewLease(open.stream().map(StoredOrder::orderNo).toList(), LEASE), this::check)
            .map(claimed.size()))
        .compose(n -> checkPartialRefunds().map(n));
  }

  /**
   * After-sales refunds whose answer did not come: asked about again (a query on any instance is
   * harmless), and asked for again under the same number when WeChat never got them.
   */
  private Future<Void> checkPartialRefunds() {
    return payments.ledger().pendingParts(reconcileAfter, BATCH).compose(rows -> {
      Future<Void> chain = Future.succeededFuture();
      for (RefundLedger.Refund row : rows) {
        chain = chain.compose(v -> pay.queryRefund(row.refundNo())
            .compose(state -> "NOT_FOUND".equals(state.status()) ? payments.issue(row, row.reason())
                : payments.refundSettled(state, "退款查询"))
            .otherwise(e -> {
              log.warn("partial refund {} not settled yet: {}", row.refundNo(), e.getMessage());
              return null;
            }));
      }
      return chain;
    });
  }

  private Future<Void> check(StoredOrder order) {
    return checkNow(order).eventually(() -> orders.releaseLease(order.orderNo()));
  }

  private Future<Void> checkNow(StoredOrder order) {
    return switch (order.status()) {
      case PENDING_PAYMENT -> reconcile(order, OffsetDateTime.now(clock));
      case CANCELLED -> payments.closeAfterCancel(order.orderNo());
      case REFUNDING -> payments.ledger().full(order.orderNo()).compose(row -> pay.queryRefund(row
              .map(RefundLedger.Refund::refundNo).orElse(OrderNumber.refundNumber(order.orderNo()))))
          .compose(state -> "NOT_FOUND".equals(state.status()) ? payments.refund(order)
              : payments.refundSettled(state, "退款查询"));
      default -> Future.succeededFuture();
    };
  }

  private Future<Void> reconcile(StoredOrder order, OffsetDateTime now) {
    boolean expired = !order.createdAt().plus(unpaidLifetime).isAfter(now);
    if (order.prepayId() == null) {
      // WeChat never heard of it, so nobody can have paid it: close without asking.
      return expired ? close(order, now) : Future.succeededFuture();
    }
    return pay.query(order.orderNo()).compose(state -> {
      if (state.paid()) {
        return payments.paymentConfirmed(state, "对账查询").mapEmpty();
      }
      if (!expired) {
        return Future.succeededFuture();
      }
      // Close at WeChat first: once that succeeds no payment can land, so CLOSED is safe to record.
      Future<Void> closed = "NOT_FOUND".equals(state.tradeState()) ? Future.succeededFuture() : pay.close(order.orderNo());
      return closed.compose(v -> close(order, now));
    });
  }

  private Future<Void> close(StoredOrder order, OffsetDateTime now) {
    return transitions.move(order.orderNo(), OrderStatus.CLOSED, ActorRole.SYSTEM,
        new OrderEvent(ActorRole.SYSTEM, "payment-jobs", now, "", "超过 " + unpaidLifetime.toMinutes() + " 分钟未支付，订单关闭",
            "closed:" + order.orderNo()), OrderColumns.NONE).mapEmpty();
  }
}
