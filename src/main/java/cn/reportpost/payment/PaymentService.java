package cn.reportpost.payment;

import cn.reportpost.config.AppConfig;
import cn.reportpost.api.ProblemException;
import cn.reportpost.order.OrderEvent;
import cn.reportpost.order.OrderColumns;
import cn.reportpost.order.Orders;
import cn.reportpost.order.OrderService;
import cn.reportpost.order.OrderTransitions;
import cn.reportpost.order.StoredOrder;
import cn.reportpost.order.model.ActorRole;
import cn.reportpost.order.model.OrderNumber;
import cn.reportpost.order.model.OrderStateMachine;
import cn.reportpost.order.model.OrderStatus;
import cn.reportpost.resident.Resident;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * Money: prepay for the resident, what a confirmed payment does, refunds. Every path that learns
 * a payment happened (notify, reconciliation, closing) goes through {@link #paymentConfirmed}, so
 * a late payment on a dead order is refunded, and a repeated one changes nothing.
 */
public final class PaymentService {

  private static final Logger log = LoggerFactory.getLogger(PaymentService.class);
  /** A prepay is reused until this close to its expiry; after that a fresh one is asked for. */
  private static final Duration PREPAY_MARGIN = Duration.ofMinutes(2);

  private final WeChatPay pay;
  private final Orders orders;
  private final OrderTransitions transitions;
  private final OrderService orderService;
  private final Clock clock;
  private final Duration unpaidLifetime;
  private final Optional<String> cashierBaseUrl;
  private final RefundLedger ledger;

  public PaymentService(WeChatPay pay, Orders orders, OrderTransitions transitions, OrderService orderService,
      Clock clock, AppConfig config, Optional<String> cashierBaseUrl, RefundLedger ledger) {
    this.pay = pay;
    this.ledger = ledger;
    this.orders = orders;
    this.transitions = transitions;
    this.orderService = orderService;
    this.clock = clock;
    this.unpaidLifetime = Duration.ofMinutes(config.integer("orders.unpaidCloseMinutes"));
    this.cashierBaseUrl = cashierBaseUrl;
  }

  /** The JSAPI parameters to pay {@code orderNo}, reusing a prepay that is still valid. */
  public Future<JsonObject> prepay(Resident resident, String orderNo) {
    return orderService.owned(resident, orderNo).compose(order -> {
      if (order.status() != OrderStatus.PENDING_PAYMENT) {
        return Future.failedFuture(ProblemException.conflict(order.status() == OrderStatus.PAID
            ? "this order is already paid" : "an order in status " + order.status() + " cannot be paid"));
      }
      OffsetDateTime now = OffsetDateTime.now(clock);
      if (order.prepayId() != null && resident.appId().equals(order.payAppId())
          && order.prepayExpiresAt().isAfter(now.plus(PREPAY_MARGIN))) {
        return parameters(resident, order, order.prepayId());
      }
      OffsetDateTime expireAt = order.createdAt().plus(unpaidLifetime);
      if (!expireAt.isAfter(now.plus(PREPAY_MARGIN))) {
        return Future.failedFuture(ProblemException.conflict("this order's time to pay has run out; please order again"));
      }
      return pay.createJsapi(resident.appId(), orderNo, description(order), order.amountFen(), resident.openid(), expireAt)
          .compose(params -> {
            String prepayId = params.getString("package", "").replaceFirst("^prepay_id=", "");
            return orders.savePrepay(orderNo, resident.appId(), prepayId, expireAt).compose(saved -> saved
                ? Future.succeededFuture(withCashier(params, order))
                : Future.failedFuture(ProblemException.conflict("this order can no longer be paid")));
          });
    });
  }

  private Future<JsonObject> parameters(Resident resident, StoredOrder order, String prepayId) {
    return pay.jsapiParameters(resident.appId(), prepayId).map(params -> withCashier(params, order));
  }

  /** In dev mode, where no WeixinJSBridge exists, the answer also names the sandbox's cashier page. */
  private JsonObject withCashier(JsonObject params, StoredOrder order) {
    cashierBaseUrl.ifPresent(url -> params.put("cashierUrl", url + "?outTradeNo=" + order.orderNo()));
    return params.put("orderNo", order.orderNo()).put("amountFen", order.amountFen());
  }

  private static String description(StoredOrder order) {
    return "核酸检测报告邮寄 " + order.orderNo();
  }

  /**
   * WeChat says the order was paid: check that the payment is the one we asked for, then
   * PENDING_PAYMENT → PAID, or a dead order → REFUNDING (the refund follows through the outbox),
   * or nothing if already recorded.
   */
  public Future<OrderStatus> paymentConfirmed(WeChatPay.PaymentState payment, String source) {
    return orders.find(payment.outTradeNo()).compose(found -> {
      if (found.isEmpty()) {
        return Future.failedFuture(new PaymentMismatch("payment for unknown order " + payment.outTradeNo()));
      }
      StoredOrder order = found.get();
      if (payment.totalFen() != order.amountFen()) {
        return Future.failedFuture(new PaymentMismatch("payment of " + payment.totalFen() + " fen for order "
            + order.orderNo() + " of " + order.amountFen() + " fen"));
      }
      if (!pay.mchId().equals(payment.mchId()) || (order.payAppId() != null && !order.payAppId().equals(payment.appId()))) {
        return Future.failedFuture(new PaymentMismatch("payment for order " + order.orderNo()
            + " from appid " + payment.appId() + " / mchid " + payment.mchId()));
      }
      OrderEvent event = new OrderEvent(ActorRole.PAYMENT, payment.transactionId(), OffsetDateTime.now(clock), "",
          "已支付（" + source + "）", "paid:" + payment.transactionId());
      return transitions.apply(order.orderNo(), current -> OrderStateMachine.paymentConfirmed(current.status()), event,
          OrderColumns.paid(payment.transactionId()))
          .map(OrderTransitions.Outcome::status);
    });
  }

  /**
   * Closes a cancelled order at WeChat. When WeChat refuses because the resident paid meanwhile,
   * the payment is recorded at once, which refunds it. Fails when WeChat could be asked neither
   * way, so the outbox tries again.
   */
  public Future<Void> closeAfterCancel(String orderNo) {
    return pay.close(orderNo).compose(v -> orders.markPaymentClosed(orderNo)).recover(closeFailed -> pay.query(orderNo)
        .compose(state -> state.paid() ? paymentConfirmed(state, "取消时查询确认").mapEmpty()
            : "NOT_FOUND".equals(state.tradeState()) || "CLOSED".equals(state.tradeState())
                ? orders.markPaymentClosed(orderNo) : Future.<Void>failedFuture(closeFailed)))
        .onFailure(e -> log.warn("closing cancelled order {} at WeChat failed: {}", orderNo, e.getMessage()));
  }

  /**
   * Asks WeChat to refund the order's FULL ledger row: the whole payment, less what after-sales
   * refunded before. Its number is fixed, so asking twice refunds once. An order with nothing left
   * to refund is REFUNDED at once.
   */
  public Future<Void> refund(StoredOrder order) {
    String reason = WeChatPay.refundReason(order.refundReason());
    return ledger.full(order.orderNo()).compose(row -> row.isEmpty() ? nothingLeft(order)
        : issue(row.get(), reason))
        .onFailure(e -> log.warn("refund of {} not issued yet ({}); the refund job retries", order.orderNo(), e.getMessage()));
  }

  /** Asks WeChat for one ledger refund under its number and records what it answers. */
  public Future<Void> issue(RefundLedger.Refund refund, String reason) {
    return pay.refund(refund.orderNo(), refund.refundNo(), refund.amountFen(), refund.paidFen(), WeChatPay.refundReason(reason))
        .compose(state -> refundSettled(state, "退款应答"));
  }

  private Future<Void> nothingLeft(StoredOrder order) {
    OrderEvent event = new OrderEvent(ActorRole.PAYMENT, "ledger", OffsetDateTime.now(clock), "", "此前已全部退回",
        "refunded:" + OrderNumber.refundNumber(order.orderNo()));
    return transitions.move(order.orderNo(), OrderStatus.REFUNDED, ActorRole.PAYMENT, event, OrderColumns.refunded("NONE"))
        .mapEmpty();
  }

  /**
   * WeChat says how a refund ended. It must be one this service asked for, for the amount asked:
   * SUCCESS of an order's FULL refund moves REFUNDING → REFUNDED once; ABNORMAL or CLOSED flags it
   * for the refund desk; anything else is still on its way. A PARTIAL refund only updates its row.
   */
  public Future<Void> refundSettled(WeChatPay.RefundState refund, String source) {
    String number = refund.outRefundNo() == null ? "" : refund.outRefundNo();
    return ledger.byNumber(number).compose(row -> orders.find(refund.outTradeNo() == null ? "" : refund.outTradeNo())
        .compose(found -> {
          boolean ours = found.isPresent() && (row.isPresent() ? row.get().orderNo().equals(found.get().orderNo())
              : OrderNumber.refundNumber(found.get().orderNo()).equals(number));
          if (!ours) {
            return Future.failedFuture(new PaymentMismatch("refund " + refund.outRefundNo() + " for order "
                + refund.outTradeNo() + " is not one this service asked for"));
          }
          StoredOrder order = found.get();
          int asked = row.map(RefundLedger.Refund::amountFen).orElse(order.amountFen());
          if (refund.done() && refund.refundFen() != asked) {
            return Future.failedFuture(new PaymentMismatch("refund of " + refund.refundFen() + " fen for order "
                + order.orderNo() + " where " + asked + " fen were asked"));
          }
          boolean part = row.isPresent() && row.get().kind() == RefundLedger.Kind.PARTIAL;
          if (refund.done()) {
            return ledger.succeeded(number, refund.status())
                .compose(v -> part ? Future.<Void>succeededFuture() : refundCompleted(refund, source));
          }
          if (refund.failed()) {
            String problem = "微信支付退款" + ("CLOSED".equals(refund.status()) ? "已关闭" : "异常")
                + "（" + refund.status() + "，" + source + "）";
            log.error("refund {} of order {} ended {} at WeChat: flagged for the refund desk", number, order.orderNo(),
                refund.status());
            return ledger.failed(number, refund.status(), problem)
                .compose(v -> part ? Future.<Void>succeededFuture() : orders.flagRefundProblem(order.orderNo(), problem));
          }
          return Future.succeededFuture();
        }));
  }

  public RefundLedger ledger() {
    return ledger;
  }

  /** WeChat says the refund went through: REFUNDING → REFUNDED, once. */
  private Future<Void> refundCompleted(WeChatPay.RefundState refund, String source) {
    OrderEvent event = new OrderEvent(ActorRole.PAYMENT, refund.refundId() == null ? refund.outRefundNo() : refund.refundId(),
        OffsetDateTime.now(clock), "", "已退款（" + source + "）", "refunded:" + refund.outRefundNo());
    return transitions.move(refund.outTradeNo(), OrderStatus.REFUNDED, ActorRole.PAYMENT, event,
        OrderColumns.refunded(String.valueOf(refund.refundId())))
        .mapEmpty();
  }

  public WeChatPay wechat() {
    return pay;
  }

  /** A verified notify that does not match the order it names: logged as a security event, never acted on. */
  public static final class PaymentMismatch extends RuntimeException {
    PaymentMismatch(String message) {
      super(message);
    }
  }
}
