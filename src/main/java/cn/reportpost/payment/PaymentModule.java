package cn.reportpost.payment;

import cn.reportpost.config.AppConfig;
import cn.reportpost.http.Module;
import cn.reportpost.order.OrderService;
import cn.reportpost.order.OrderTransitions;
import cn.reportpost.order.Orders;
import cn.reportpost.outbox.OutboxHandler;
import cn.reportpost.resident.ResidentAuth;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Money: prepay, WeChat Pay's notifies, refunds and closes after commit, and the reconciliation jobs. */
public final class PaymentModule implements Module {

  private final io.micrometer.core.instrument.MeterRegistry metrics;

  private final PaymentService payments;
  private final PaymentJobs jobs;
  private final PaymentOutbox outbox;
  private final Orders orders;
  private final ResidentAuth residents;

  /** {@code cashierUrl}: the sandbox's cashier page in dev mode, where no WeixinJSBridge exists. */
  public PaymentModule(Vertx vertx, Clock clock, AppConfig config, WeChatPay pay, Optional<String> cashierUrl,
      Orders orders, OrderTransitions transitions, OrderService orderService, ResidentAuth residents,
      io.micrometer.core.instrument.MeterRegistry metrics) {
    this.metrics = metrics;
    this.payments = new PaymentService(pay, orders, transitions, orderService, clock, config, cashierUrl);
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

  @Override
  public void mount(Router router) {
    new PaymentRoutes(payments, orders, residents, metrics).mount(router);
  }
}
