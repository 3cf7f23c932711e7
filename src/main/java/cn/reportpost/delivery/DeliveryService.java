package cn.reportpost.delivery;

import cn.reportpost.db.UniqueViolation;
import cn.reportpost.handover.HandoverService;
import cn.reportpost.api.ProblemException;
import cn.reportpost.order.OrderEvent;
import cn.reportpost.order.OrderColumns;
import cn.reportpost.order.OrderTransitions;
import cn.reportpost.order.model.ActorRole;
import cn.reportpost.order.model.OrderStatus;
import cn.reportpost.order.model.WaybillNumber;
import cn.reportpost.staff.StaffUser;
import io.vertx.core.Future;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;

/** The courier's side after the handover: the waybill, and every stage to the door. */
public final class DeliveryService {

  private final HandoverService scope;
  private final OrderTransitions transitions;
  private final Clock clock;

  public DeliveryService(HandoverService scope, OrderTransitions transitions, Clock clock) {
    this.scope = scope;
    this.transitions = transitions;
    this.clock = clock;
  }

  /** HANDED_OVER → POSTED with a valid waybill number that no other order carries. */
  public Future<OrderTransitions.Outcome> attachWaybill(StaffUser courier, String orderNo, String raw) {
    String waybill = WaybillNumber.normalise(raw == null ? "" : raw);
    Optional<String> problem = WaybillNumber.problem(waybill);
    if (problem.isPresent()) {
      return Future.failedFuture(ProblemException.invalid("waybillNo", problem.get()));
    }
    return scope.scoped(courier, orderNo).compose(order -> {
      if (order.waybillNo() != null && !order.waybillNo().equals(waybill)) {
        return Future.failedFuture(ProblemException.conflict("order " + orderNo + " already carries waybill " + order.waybillNo()));
      }
      OrderEvent event = new OrderEvent(ActorRole.COURIER, courier.username(), OffsetDateTime.now(clock), "",
          "EMS " + waybill, order.stepKey("waybill"));
      return transitions.move(orderNo, OrderStatus.POSTED, ActorRole.COURIER, event,
          OrderColumns.waybill(waybill));
    }).recover(e -> UniqueViolation.is(e)
        ? Future.failedFuture(ProblemException.conflict("waybill " + waybill + " is already attached to another order"))
        : Future.failedFuture(e));
  }

  /** One stage reported by the courier; a repeated eventId changes nothing and answers success. */
  public Future<OrderTransitions.Outcome> report(StaffUser courier, CourierEvent e) {
    return scope.scoped(courier, e.orderNo()).compose(order -> transitions.move(e.orderNo(), e.type(), ActorRole.COURIER,
        new OrderEvent(ActorRole.COURIER, courier.username(), e.at(), e.location(), e.note(), "courier:" + e.eventId()),
        OrderColumns.NONE));
  }
}
