package cn.reportpost.handover;

import cn.reportpost.audit.AuditLog;
import cn.reportpost.catalog.Catalog;
import cn.reportpost.http.Module;
import cn.reportpost.order.OrderTransitions;
import cn.reportpost.order.Orders;
import cn.reportpost.order.PersonalDataService;
import cn.reportpost.print.CjkFont;
import cn.reportpost.print.EnvelopeLabels;
import cn.reportpost.print.HandoverSheet;
import cn.reportpost.privacy.PersonalData;
import cn.reportpost.staff.StaffAuth;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Pool;

import java.time.Clock;

/** The site's side: reports packed or unavailable, labels, and handover batches to couriers. */
public final class HandoverModule implements Module {

  private final Vertx vertx;
  private final HandoverService handovers;
  private final Catalog catalog;
  private final PersonalData personal;
  private final StaffAuth auth;
  private final AuditLog audit;
  private final EnvelopeLabels labels;
  private final HandoverSheet sheets;
  private final PersonalDataService personalData;

  public HandoverModule(Vertx vertx, Pool pool, Clock clock, Orders orders, OrderTransitions transitions, Catalog catalog,
      PersonalData personal, PersonalDataService personalData, StaffAuth auth, AuditLog audit, CjkFont font,
      BatchOpened onOpened) {
    this.vertx = vertx;
    this.handovers = new HandoverService(pool, orders, transitions, new HandoverRepository(pool), catalog, clock,
        onOpened);
    this.catalog = catalog;
    this.personal = personal;
    this.auth = auth;
    this.audit = audit;
    this.labels = new EnvelopeLabels(font);
    this.sheets = new HandoverSheet(font);
    this.personalData = personalData;
  }

  public HandoverService service() {
    return handovers;
  }

  @Override
  public void mount(Router router) {
    new HandoverRoutes(handovers, auth, audit, catalog, personal).mount(router);
    new PrintRoutes(vertx, handovers, catalog, personal, auth, labels, sheets).mount(router);
    new OpsOrderRoutes(handovers, personalData, auth, audit, catalog).mount(router);
  }
}
