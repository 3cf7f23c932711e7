package cn.reportpost.aftersales;

import cn.reportpost.api.ProblemException;
import cn.reportpost.audit.Actor;
import cn.reportpost.audit.AuditLog;
import cn.reportpost.http.PageCursor;
import cn.reportpost.order.OrderColumns;
import cn.reportpost.order.OrderEvent;
import cn.reportpost.order.OrderService;
import cn.reportpost.order.OrderTransitions;
import cn.reportpost.order.Orders;
import cn.reportpost.order.StoredOrder;
import cn.reportpost.order.model.ActorRole;
import cn.reportpost.order.model.OrderStateMachine;
import cn.reportpost.order.model.OrderStatus;
import cn.reportpost.payment.RefundDesk;
import cn.reportpost.resident.Resident;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

/**
 * After-sales (issue 16, item 4): a resident opens a case on a paid order; operations answer it
 * (the resident is told through the notification outbox) and resolve it by sending the report
 * again, refunding all or part, or doing nothing, always with a note. Every operator step is audited.
 */
final class AftersalesService {

  static final Set<String> TYPES = Set.of("NOT_RECEIVED", "DAMAGED", "WRONG_INFO", "REFUND", "OTHER");
  static final Set<String> RESOLUTIONS = Set.of("RESHIP", "REFUND", "PARTIAL_REFUND", "NO_ACTION");
  static final Set<String> STATUSES = Set.of("OPEN", "ANSWERED", "RESOLVED");
  /** Orders never paid have nothing to follow up. */
  private static final Set<OrderStatus> NEVER_PAID = Set.of(OrderStatus.PENDING_PAYMENT, OrderStatus.CANCELLED, OrderStatus.CLOSED);
  private static final int MAX_OPEN_PER_ORDER = 3;
  private static final int PAGE = 50;

  private final AftersalesRepository cases;
  private final OrderService residentOrders;
  private final Orders orders;
  private final OrderTransitions transitions;
  private final RefundDesk refunds;
  private final AuditLog audit;
  private final Clock clock;

  AftersalesService(AftersalesRepository cases, OrderService residentOrders, Orders orders, OrderTransitions transitions,
      RefundDesk refunds, AuditLog audit, Clock clock) {
    this.cases = cases;
    this.residentOrders = residentOrders;
    this.orders = orders;
    this.transitions = transitions;
    this.refunds = refunds;
    this.audit = audit;
    this.clock = clock;
  }

  Future<JsonObject> open(Resident resident, String orderNo, String type, String description) {
    return residentOrders.owned(resident, orderNo).compose(order -> {
      if (NEVER_PAID.contains(order.status())) {
        return Future.failedFuture(ProblemException.conflict("这笔订单没有付款，无需申请售后；如有疑问请联系客服"));
      }
      return cases.open(orderNo, type, description, MAX_OPEN_PER_ORDER)
          .map(caseNo -> new JsonObject().put("caseNo", caseNo).put("status", "OPEN"));
    });
  }

  /** The resident's cases on their order: what they wrote, the answers, and how each ended (no staff names). */
  Future<JsonArray> forResident(Resident resident, String orderNo) {
    return residentOrders.owned(resident, orderNo).compose(order -> cases.ofOrder(orderNo)).map(list -> {
      JsonArray out = new JsonArray();
      for (JsonObject c : list) {
        c.remove("resolvedBy");
        c.remove("order");
        c.getJsonArray("messages").forEach(m -> ((JsonObject) m).remove("staff"));
        out.add(c);
      }
      return out;
    });
  }

  Future<JsonObject> list(String status, String cursor) {
    PageCursor after = PageCursor.decode(cursor);
    return cases.list(status, PageCursor.at(after), PageCursor.key(after), PAGE + 1).map(rows -> {
      List<JsonObject> page = rows.subList(0, Math.min(rows.size(), PAGE));
      JsonObject last = page.isEmpty() ? null : page.get(page.size() - 1);
      return new JsonObject().put("items", new JsonArray(page)).put("nextCursor", rows.size() > PAGE
          ? new PageCursor(OffsetDateTime.parse(last.getString("openedAt")), last.getString("caseNo")).encode() : null);
    });
  }

  Future<JsonObject> find(String caseNo) {
    return cases.find(caseNo).compose(found -> found.isPresent() ? Future.succeededFuture(found.get())
        : Future.failedFuture(ProblemException.notFound("no after-sales case " + caseNo)));
  }

  Future<JsonObject> reply(Actor actor, String caseNo, String message) {
    return find(caseNo).compose(c -> orderOf(c).compose(order -> cases.reply(caseNo, actor.id(), message,
        notice(order, "客服已回复您的售后申请，请点开查看"))))
        .compose(replied -> replied ? audit.record(actor, "aftersales.reply", caseNo, message)
            : Future.failedFuture(ProblemException.conflict("售后申请 " + caseNo + " 已经处理完毕")))
        .compose(v -> find(caseNo));
  }

  /**
   * Carries out the resolution, then closes the case. Each action is safe to repeat for the same
   * case (the reship's event key, one refund per case), so a resolve retried after a failure
   * between the two steps does not reship or refund twice.
   */
  Future<JsonObject> resolve(Actor actor, String caseNo, String resolution, Integer amountFen, String note) {
    return find(caseNo).compose(c -> {
      if ("RESOLVED".equals(c.getString("status"))) {
        return Future.failedFuture(ProblemException.conflict("售后申请 " + caseNo + " 已经处理完毕"));
      }
      String orderNo = c.getString("orderNo");
      String why = "售后 " + caseNo + "：" + note;
      Future<Integer> done = switch (resolution) {
        case "RESHIP" -> reship(actor, orderNo, caseNo, why).map((Integer) null);
        case "REFUND" -> refunds.refund(actor, orderNo, null, why, caseNo).map(r -> r.getInteger("amountFen"));
        case "PARTIAL_REFUND" -> refunds.refund(actor, orderNo, amountFen, why, caseNo).map(r -> r.getInteger("amountFen"));
        default -> Future.succeededFuture(null);
      };
      return done.compose(fen -> orderOf(c).compose(order -> cases.resolve(caseNo, resolution, fen, note, actor.id(),
              notice(order, "您的售后申请已处理：" + label(resolution))))
          .compose(resolved -> resolved ? audit.record(actor, "aftersales.resolve", caseNo,
                  resolution + (fen == null ? "" : " " + fen + " fen") + ": " + note)
              : Future.failedFuture(ProblemException.conflict("售后申请 " + caseNo + " 已经处理完毕"))));
    }).compose(v -> find(caseNo));
  }

  /** The report goes back into its site's queue (PAID), counted as a reship; only once it had left the site. */
  private Future<Void> reship(Actor actor, String orderNo, String caseNo, String why) {
    return orders.find(orderNo).compose(found -> {
      OrderStatus status = found.orElseThrow().status();
      // PAID after a reship is this resolve retried: the event key makes the move a replay.
      boolean retried = status == OrderStatus.PAID && found.get().reshipCount() > 0;
      if (!retried && !OrderStateMachine.mayReship(status)) {
        return Future.failedFuture(ProblemException.conflict("订单状态为“" + status.label()
            + "”：报告尚未寄出或已退款，不能补寄"));
      }
      OrderEvent event = new OrderEvent(ActorRole.OPS, actor.id(), OffsetDateTime.now(clock), "", "补寄：" + why,
          "reship:" + caseNo);
      return transitions.move(orderNo, OrderStatus.PAID, ActorRole.OPS, event, OrderColumns.reship())
          .compose(outcome -> audit.record(actor, "order.reship", orderNo, why));
    });
  }

  private Future<StoredOrder> orderOf(JsonObject c) {
    return orders.find(c.getString("orderNo")).map(found -> found.orElseThrow());
  }

  /** The resident's message, in the shape of a status message: the order's status, and what happened as the note. */
  private JsonObject notice(StoredOrder order, String note) {
    return new JsonObject().put("orderNo", order.orderNo()).put("status", order.status().name())
        .put("at", OffsetDateTime.now(clock).toString()).put("location", "").put("note", note)
        .put("amountFen", order.amountFen());
  }

  private static String label(String resolution) {
    return switch (resolution) {
      case "RESHIP" -> "报告将重新寄出";
      case "REFUND" -> "全额退款";
      case "PARTIAL_REFUND" -> "部分退款";
      default -> "无需处理";
    };
  }
}
