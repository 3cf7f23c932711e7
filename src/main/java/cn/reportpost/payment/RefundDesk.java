package cn.reportpost.payment;

import cn.reportpost.api.ProblemException;
import cn.reportpost.audit.Actor;
import cn.reportpost.audit.AuditLog;
import cn.reportpost.http.PageCursor;
import cn.reportpost.order.OrderColumns;
import cn.reportpost.order.OrderEvent;
import cn.reportpost.order.OrderTransitions;
import cn.reportpost.order.Orders;
import cn.reportpost.order.model.ActorRole;
import cn.reportpost.order.model.OrderNumber;
import cn.reportpost.order.model.OrderStatus;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The refund desk (issue 16, item 5): refunds WeChat ended without paying back or left unanswered
 * too long, with WeChat's answer; a retry, or "refunded offline" with a note; and an operator's
 * refund of a paid order, whole or in part. Every operator action is audited.
 */
public final class RefundDesk {

  private static final Logger log = LoggerFactory.getLogger(RefundDesk.class);
  private static final int PAGE = 50;

  private final PaymentService payments;
  private final RefundLedger ledger;
  private final Orders orders;
  private final OrderTransitions transitions;
  private final AuditLog audit;
  private final Clock clock;
  private final Duration stuckAfter;

  RefundDesk(PaymentService payments, Orders orders, OrderTransitions transitions, AuditLog audit, Clock clock,
      Duration stuckAfter) {
    this.payments = payments;
    this.ledger = payments.ledger();
    this.orders = orders;
    this.transitions = transitions;
    this.audit = audit;
    this.clock = clock;
    this.stuckAfter = stuckAfter;
  }

  /** Stuck refunds, oldest first: {items, nextCursor}. */
  public Future<JsonObject> stuck(String cursor) {
    PageCursor after = PageCursor.decode(cursor);
    return ledger.stuck(stuckAfter, PageCursor.at(after), PageCursor.key(after), PAGE + 1).map(rows -> {
      List<RefundLedger.Refund> page = rows.subList(0, Math.min(rows.size(), PAGE));
      JsonArray items = new JsonArray();
      page.forEach(r -> items.add(r.json()));
      RefundLedger.Refund last = page.isEmpty() ? null : page.get(page.size() - 1);
      return new JsonObject().put("items", items)
          .put("nextCursor", rows.size() > PAGE ? new PageCursor(last.createdAt(), last.refundNo()).encode() : null);
    });
  }

  /** The refunds of one order, with what is left to refund. */
  public Future<JsonObject> ofOrder(String orderNo) {
    return orders.find(orderNo).compose(found -> found.isEmpty()
        ? Future.failedFuture(ProblemException.notFound("no order " + orderNo))
        : ledger.ofOrder(orderNo).map(rows -> {
          JsonArray items = new JsonArray();
          rows.forEach(r -> items.add(r.json()));
          int refunded = rows.stream().mapToInt(RefundLedger.Refund::amountFen).sum();
          return new JsonObject().put("orderNo", orderNo).put("status", found.get().status().name())
              .put("paidFen", found.get().amountFen()).put("leftFen", found.get().amountFen() - refunded).put("items", items);
        }));
  }

  /**
   * Refunds {@code amountFen} of a paid order (null: all that is left). A whole refund before the
   * report left the site (PAID, READY) is the order's own refund (→ REFUNDING → REFUNDED); any other
   * is a PARTIAL ledger refund that leaves the order's status alone. Answers the refund.
   */
  public Future<JsonObject> refund(Actor actor, String orderNo, Integer amountFen, String reason, String caseNo) {
    return orders.find(orderNo).compose(found -> {
      if (found.isEmpty()) {
        return Future.failedFuture(ProblemException.notFound("no order " + orderNo));
      }
      OrderStatus status = found.get().status();
      if (amountFen == null && (status == OrderStatus.PAID || status == OrderStatus.READY)) {
        return ledger.ofOrder(orderNo).compose(rows -> {
          int left = found.get().amountFen() - rows.stream().mapToInt(RefundLedger.Refund::amountFen).sum();
          return left > 0 ? wholeRefund(actor, orderNo, reason, caseNo)
              : Future.failedFuture(new ProblemException(409, "Refund exceeds payment", "这笔订单的款项已全部退回，没有可退的金额"));
        });
      }
      return ledger.addPart(orderNo, amountFen, reason, caseNo, actor.id())
          .compose(row -> audit.record(actor, "refund.partial", row.refundNo(),
                  orderNo + " " + row.amountFen() + " fen: " + reason + (caseNo == null ? "" : " (" + caseNo + ")"))
              .compose(v -> issueQuietly(row, reason))
              .compose(v -> current(row.refundNo())));
    });
  }

  /** The order's own refund: REFUNDING now, the FULL refund of what is left follows through the outbox. */
  private Future<JsonObject> wholeRefund(Actor actor, String orderNo, String reason, String caseNo) {
    OrderEvent event = new OrderEvent(ActorRole.OPS, actor.id(), OffsetDateTime.now(clock), "",
        "运营退款：" + reason, "ops-refund:" + orderNo);
    return transitions.move(orderNo, OrderStatus.REFUNDING, ActorRole.OPS, event, OrderColumns.refundReason(reason))
        .compose(outcome -> audit.record(actor, "refund.order", orderNo, reason + (caseNo == null ? "" : " (" + caseNo + ")")))
        .compose(v -> ledger.full(orderNo))
        .map(row -> row.map(RefundLedger.Refund::json)
            .orElse(new JsonObject().put("refundNo", OrderNumber.refundNumber(orderNo)).put("orderNo", orderNo)));
  }

  /**
   * Asks again: an answer WeChat has is recorded; a refund WeChat never got is asked for under the
   * same number; one WeChat CLOSED is asked for under the next number. An ABNORMAL one stays with
   * WeChat (the merchant platform) until it answers otherwise, or an operator records it offline.
   */
  public Future<JsonObject> retry(Actor actor, String refundNo) {
    return open(refundNo).compose(row -> payments.wechat().queryRefund(row.refundNo()).compose(state -> {
      if ("NOT_FOUND".equals(state.status())) {
        return payments.issue(row, row.reason()).map(row.refundNo());
      }
      if ("CLOSED".equals(state.status())) {
        return ledger.renumber(row).compose(next -> payments.issue(next, next.reason()).map(next.refundNo()));
      }
      if (state.failed()) {
        // WeChat holds an ABNORMAL refund's money until it is handled in the merchant platform.
        return payments.refundSettled(state, "退款台查询").compose(v -> Future.failedFuture(new ProblemException(409,
            "Refund abnormal", "微信支付仍显示此退款异常：请在微信支付商户平台处理后再查询，或在退款台记录线下退款")));
      }
      return payments.refundSettled(state, "退款台查询").map(row.refundNo());
    }).compose(number -> audit.record(actor, "refund.retry", number, row.orderNo()).compose(v -> current(number))));
  }

  /** Records that the money was paid back outside WeChat Pay; an order's own refund then ends REFUNDED. */
  public Future<JsonObject> offline(Actor actor, String refundNo, String note) {
    return open(refundNo).compose(row -> ledger.offline(row.refundNo(), note).compose(changed -> {
      if (!changed) {
        return Future.failedFuture(ProblemException.conflict("退款 " + refundNo + " 已经结束，无需再处理"));
      }
      Future<Void> order = row.kind() == RefundLedger.Kind.PARTIAL ? Future.succeededFuture()
          : transitions.move(row.orderNo(), OrderStatus.REFUNDED, ActorRole.OPS,
              new OrderEvent(ActorRole.OPS, actor.id(), OffsetDateTime.now(clock), "", "线下已退款：" + note,
                  "refunded-offline:" + row.refundNo()), OrderColumns.refunded("OFFLINE")).mapEmpty();
      return order.compose(v -> audit.record(actor, "refund.offline", row.refundNo(), row.orderNo() + ": " + note))
          .compose(v -> current(row.refundNo()));
    }));
  }

  private Future<RefundLedger.Refund> open(String refundNo) {
    return ledger.byNumber(refundNo).compose(found -> {
      if (found.isEmpty()) {
        return Future.failedFuture(ProblemException.notFound("no refund " + refundNo));
      }
      return found.get().open() ? Future.succeededFuture(found.get())
          : Future.failedFuture(ProblemException.conflict("退款 " + refundNo + " 已经结束（" + found.get().status() + "），无需再处理"));
    });
  }

  /** WeChat's answer is recorded when it comes; a call that failed now is asked again by the payment job. */
  private Future<Void> issueQuietly(RefundLedger.Refund row, String reason) {
    return payments.issue(row, reason).otherwise(e -> {
      log.warn("refund {} not issued yet ({}); the payment job asks again", row.refundNo(), e.getMessage());
      return null;
    });
  }

  private Future<JsonObject> current(String refundNo) {
    return ledger.byNumber(refundNo).map(found -> found.orElseThrow().json());
  }
}
