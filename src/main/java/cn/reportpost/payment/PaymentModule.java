package cn.reportpost.payment;

import cn.reportpost.audit.AuditLog;
import cn.reportpost.config.AppConfig;
import cn.reportpost.http.Module;
import cn.reportpost.order.OrderService;
import cn.reportpost.order.OrderTransitions;
import cn.reportpost.order.Orders;
import cn.reportpost.outbox.OutboxHandler;
import cn.reportpost.resident.ResidentAuth;
import io.vertx.core.Vertx;
import cn.reportpost.staff.StaffAuth;
import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Pool;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Money: prepay, WeChat Pay's notifies, refunds and closes after commit, the reconciliation jobs, and the refund desk. */
public final class PaymentModule implements Module {

  private final io.micrometer.core.instrument.MeterRegistry metrics;

  private final PaymentService payments;
  private final PaymentJobs jobs;
  private final PaymentOutbox outbox;
  private final Orders orders;
  private final ResidentAuth residents;
  private final RefundDesk desk;
  private final StaffAuth staff;

  /** {@code cashierUrl}: the sandbox's cashier page in dev mode, where no WeixinJSBridge exists. */
  public PaymentModule(Vertx vertx, Pool pool, Clock clock, AppConfig config, WeChatPay pay, Optional<String> cashierUrl,
      Orders orders, OrderTransitions transitions, OrderService orderService, ResidentAuth residents, StaffAuth staff,
      AuditLog audit, io.micrometer.core.instrument.MeterRegistry metrics) {
    this.metrics = metrics;
    this.payments = new PaymentService(pay, orders, transitions, orderService, clock, config, cashierUrl,
        new RefundLedger(pool));
    this.desk = new RefundDesk(payments, orders, transitions, audit, clock,
        Duration.ofHours(config.integer("orders.refundStuckAfterHours")));
    this.staff = staff;
    this.jobs = new PaymentJobs(vertx, payments, orders, transitions, clock,
        Duration.ofSeconds(config.integer("orders.reconcileAfterSeconds")),
        Duration.ofMinutes(config.integer("orders.unpaidCloseMinutes")));
    this.outbox = new PaymentOutbox(payments, orders);
    this.orders = orders;
    this.residents = residents;
  }

  /** The outbox kinds this feature carries out. */
  public Map<String, OutboxHandler> outboxHandlers() {
    return outbox.handlers();
  }

  public PaymentJobs jobs() {
    return jobs;
  }

  /** Operators' refunds: after-sales resolutions use it too. */
  public RefundDesk refundDesk() {
    return desk;
  }

  @Override
  public void mount(Router router) {
    new PaymentRoutes(payments, orders, residents, metrics).mount(router);
    new RefundDeskRoutes(desk, staff).mount(router);
  }
}
