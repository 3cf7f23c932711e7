package cn.reportpost.delivery;

import cn.reportpost.audit.AuditLog;
import cn.reportpost.handover.HandoverService;
import cn.reportpost.http.Module;
import cn.reportpost.order.OrderTransitions;
import cn.reportpost.staff.StaffAuth;
import io.vertx.ext.web.Router;

import java.time.Clock;

/** The courier's side after a handover: waybills and every delivery stage, online or in offline batches. */
public final class DeliveryModule implements Module {

  private final DeliveryService delivery;
  private final StaffAuth auth;
  private final AuditLog audit;
  private final Clock clock;

  public DeliveryModule(HandoverService handovers, OrderTransitions transitions, StaffAuth auth, AuditLog audit,
      Clock clock) {
    this.delivery = new DeliveryService(handovers, transitions, clock);
    this.auth = auth;
    this.audit = audit;
    this.clock = clock;
  }

  @Override
  public void mount(Router router) {
    new DeliveryRoutes(delivery, auth, audit, clock).mount(router);
  }
}
