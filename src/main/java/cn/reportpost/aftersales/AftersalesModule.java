package cn.reportpost.aftersales;

import cn.reportpost.audit.AuditLog;
import cn.reportpost.http.Module;
import cn.reportpost.order.OrderService;
import cn.reportpost.order.OrderTransitions;
import cn.reportpost.order.Orders;
import cn.reportpost.payment.RefundDesk;
import cn.reportpost.resident.ResidentAuth;
import cn.reportpost.staff.StaffAuth;
import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Pool;

import java.time.Clock;

/** After-sales cases: opened by residents on their orders, answered and resolved by operations. */
public final class AftersalesModule implements Module {

  private final AftersalesRoutes routes;

  public AftersalesModule(Pool pool, Clock clock, OrderService residentOrders, Orders orders, OrderTransitions transitions,
      RefundDesk refunds, ResidentAuth residents, StaffAuth staff, AuditLog audit) {
    AftersalesService service = new AftersalesService(new AftersalesRepository(pool), residentOrders, orders, transitions,
        refunds, audit, clock);
    this.routes = new AftersalesRoutes(service, residents, staff);
  }

  @Override
  public void mount(Router router) {
    routes.mount(router);
  }
}
