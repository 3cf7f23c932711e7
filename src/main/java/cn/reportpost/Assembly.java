package cn.reportpost;

import cn.reportpost.aftersales.AftersalesModule;
import cn.reportpost.audit.AuditLog;
import cn.reportpost.board.BoardModule;
import cn.reportpost.catalog.CatalogModule;
import cn.reportpost.chat.ChatModule;
import cn.reportpost.config.AppConfig;
import cn.reportpost.courier.CourierModule;
import cn.reportpost.console.ConsoleModule;
import cn.reportpost.delivery.DeliveryModule;
import cn.reportpost.h5.H5Module;
import cn.reportpost.handover.HandoverModule;
import cn.reportpost.http.Draining;
import cn.reportpost.jobs.Job;
import cn.reportpost.jobs.JobRunner;
import cn.reportpost.http.Module;
import cn.reportpost.http.RateLimiter;
import cn.reportpost.notify.NotifyModule;
import cn.reportpost.ops.OpsModule;
import cn.reportpost.order.CarrierTrail;
import cn.reportpost.order.OrderModule;
import cn.reportpost.order.OrderSideEffects;
import cn.reportpost.order.PersonalDataService;
import cn.reportpost.outbox.OutboxHandler;
import cn.reportpost.outbox.OutboxMessage;
import cn.reportpost.outbox.SendLog;
import cn.reportpost.outbox.OutboxRepository;
import cn.reportpost.outbox.OutboxWorker;
import cn.reportpost.payment.PaymentJobs;
import cn.reportpost.payment.PaymentModule;
import cn.reportpost.payment.PaymentMoves;
import cn.reportpost.print.CjkFont;
import cn.reportpost.privacy.PersonalData;
import cn.reportpost.report.ReportModule;
import cn.reportpost.resident.MiniAppModule;
import cn.reportpost.resident.ResidentModule;
import cn.reportpost.shipping.ShippingModule;
import cn.reportpost.sla.SlaModule;
import cn.reportpost.shipping.ShippingQueue;
import cn.reportpost.staff.StaffAuth;
import cn.reportpost.staff.StaffModule;
import cn.reportpost.tracking.TrackingModule;
import cn.reportpost.tracking.TrackingQueue;
import cn.reportpost.tracking.TrackingRepository;
import cn.reportpost.tracking.TrackingSettings;
import cn.reportpost.wechat.MaPort;
import cn.reportpost.wechat.MaShipping;
import cn.reportpost.wechat.MpPort;
import cn.reportpost.wechat.PayPort;
import cn.reportpost.workbench.WorkbenchModule;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.pgclient.PgConnectOptions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every feature module, built once per process in one readable place from what the launcher
 * made: each HTTP verticle instance mounts the same modules, and background work exists once.
 * The mini-program's modules, and carrier tracking, are present only when they are configured.
 */
public final class Assembly {

  private final List<Module> modules = new ArrayList<>();
  private final PaymentModule payment;
  private final OutboxHandler outboxHandler;
  private final OutboxWorker outbox;
  private final Duration outboxInterval;
  private final Duration paymentsInterval;
  private final JobRunner jobs;
  private final PersonalDataService personalData;
  private final Duration resealInterval;
  private final Duration retentionInterval;
  private final BoardModule board;
  private final Duration boardFoldInterval;
  private final SlaModule sla;
  private final Duration slaInterval;
  private final ReportModule report;
  private final Draining draining = new Draining();

  /** {@code cashierUrl}: the sandbox's cashier page in dev and test mode; absent in production. */
  public Assembly(Services s, PgConnectOptions changes, Optional<String> cashierUrl) {
    AppConfig config = s.config();
    PersonalData personal = config.personalData();
    CjkFont font = CjkFont.load();
    AuditLog audit = new AuditLog(s.pool());
    MpPort mp = new MpPort(s.wechat().mp(), config);
    Optional<MaPort> ma = s.wechat().ma().map(api -> new MaPort(api, config));
    OutboxRepository outboxRows = new OutboxRepository(s.pool());
    // Built first so that transitions can hand it work at once; it dispatches to the modules' handlers below.
    outbox = new OutboxWorker(s.vertx(), outboxRows, this::dispatch, s.metrics(),
        config.integer("notifications.maxAttempts"), Duration.ofSeconds(config.integer("notifications.firstBackoffSeconds")),
        Duration.ofSeconds(60));

    StaffAuth staffAuth = StaffModule.sessions(s.redis(), s.clock(), config);
    CatalogModule catalog = add(new CatalogModule(s.catalog(), changes, staffAuth, audit));
    RateLimiter limiter = new RateLimiter(s.redis());
    add(new StaffModule(s.vertx(), s.pool(), s.redis(), config, staffAuth, audit, s.catalog(), s.metrics()));
    ResidentModule residents = add(new ResidentModule(s.pool(), s.redis(), s.clock(), config, mp, limiter));
    NotifyModule notify = add(new NotifyModule(s.pool(), outboxRows, mp,
        ma.filter(MaPort::sendsSubscribeMessages).map(m -> m), staffAuth, audit));
    ma.ifPresent(m -> add(new MiniAppModule(m, residents, personal, notify.consents(),
        m.sendsSubscribeMessages() ? Set.of(m.templateId()) : Set.of())));

    board = add(new BoardModule(s.vertx(), s.pool(), s.reads(), s.clock(), staffAuth, changes, outboxRows, s.metrics()));
    List<OrderSideEffects> effects = new ArrayList<>(List.of(notify.announcements(), new PaymentMoves(outbox::runFor),
        board.transitionCounter()));
    ma.ifPresent(m -> effects.add(new ShippingQueue(m.appId())));
    Optional<TrackingSettings> tracking = TrackingSettings.from(config);
    tracking.ifPresent(t -> effects.add(new TrackingQueue(t)));
    TrackingRepository trackingRows = new TrackingRepository(s.pool());
    OrderModule orders = add(new OrderModule(s.pool(), s.reads(), s.clock(), config, catalog.catalog(), personal,
        residents.auth(), limiter, OrderSideEffects.all(effects),
        tracking.isPresent() ? trackingRows : CarrierTrail.NONE, audit, s.vertx()));
    personalData = orders.personalData();
    payment = add(new PaymentModule(s.vertx(), s.pool(), s.clock(), config, new PayPort(s.wechat().pay(), config),
        cashierUrl, orders.orders(), orders.transitions(), orders.service(), residents.auth(), staffAuth, audit,
        s.metrics()));
    add(new AftersalesModule(s.pool(), s.clock(), orders.service(), orders.orders(), orders.transitions(),
        payment.refundDesk(), residents.auth(), staffAuth, audit));
    Optional<ShippingModule> shipping = s.wechat().ma().map(api -> new ShippingModule(
        new MaShipping(api, config.string("wechat.pay.mchId")), orders.orders(), s.clock(),
        Duration.ofSeconds(config.integer("wechat.ma.tradeManagedCacheSeconds"))));
    shipping.ifPresent(this::add);
    CourierModule.Notices courierNotices = new CourierModule.Notices(s.wechat().mp(), config);
    HandoverModule handover = add(new HandoverModule(s.vertx(), s.pool(), s.clock(), orders.orders(),
        orders.transitions(), catalog.catalog(), personal, personalData, staffAuth, audit, font,
        courierNotices.onBatchOpened()));
    add(new DeliveryModule(handover.service(), orders.transitions(), staffAuth, audit, s.clock()));
    add(new CourierModule(config, s.pool(), s.redis(), handover.service(), personal, staffAuth, audit, s.wechat().mp(), mp));
    Optional<TrackingModule> carrier = tracking.map(t -> add(new TrackingModule(s.vertx(), t, trackingRows,
        orders.orders(), orders.transitions())));
    add(new ChatModule(s.vertx(), s.pool(), s.redis(), config, catalog.catalog(), orders.orders(), residents.residents(),
        s.wechat().mp(), s.wechat().ma(), font, staffAuth, audit, changes, s.clock()));
    add(new OpsModule(s.vertx(), config, s.pool(), s.redis(), s.metrics(), draining));
    sla = add(new SlaModule(s.vertx(), config, s.pool(), s.reads(), staffAuth, s.metrics()));
    report = add(new ReportModule(s.vertx(), config, s.pool(), s.reads(), s.clock(), orders.orders(), catalog.catalog(),
        personal, staffAuth, audit));
    add(new H5Module());
    add(new WorkbenchModule());
    add(new ConsoleModule(staffAuth));

    Map<String, OutboxHandler> byKind = new HashMap<>(payment.outboxHandlers());
    byKind.putAll(courierNotices.outboxHandlers());
    shipping.ifPresent(m -> byKind.putAll(m.outboxHandlers()));
    carrier.ifPresent(m -> byKind.putAll(m.outboxHandlers()));
    byKind.putAll(sla.outboxHandlers());
    outboxHandler = OutboxHandler.byKind(byKind, notify.messages());
    outboxInterval = Duration.ofSeconds(config.integer("notifications.intervalSeconds"));
    paymentsInterval = Duration.ofSeconds(config.integer("orders.jobIntervalSeconds"));
    resealInterval = Duration.ofSeconds(config.integer("privacy.resealIntervalSeconds"));
    retentionInterval = Duration.ofSeconds(config.integer("privacy.retentionIntervalSeconds"));
    boardFoldInterval = Duration.ofSeconds(config.integer("ops.board.foldSeconds"));
    slaInterval = Duration.ofSeconds(config.integer("ops.sla.checkSeconds"));
    jobs = new JobRunner(s.vertx(), s.metrics());
  }

  private Future<OutboxHandler.Outcome> dispatch(OutboxMessage message, SendLog log) {
    return outboxHandler.handle(message, log);
  }

  private <M extends Module> M add(M module) {
    modules.add(module);
    return module;
  }

  /** Mounts every module's routes, in the order they were added. */
  public void mount(Router router) {
    modules.forEach(m -> m.mount(router));
  }

  /** Starts every module's background work and the jobs. */
  public Future<Void> start() {
    return Future.all(modules.stream().map(Module::start).toList()).<Void>mapEmpty().onSuccess(v -> {
      jobs.schedule(payment.jobs(), paymentsInterval);
      jobs.schedule(outbox, outboxInterval);
      jobs.schedule(personalData.reseal(), resealInterval);
      jobs.schedule(personalData.retention(), retentionInterval);
      jobs.schedule(board.fold(), boardFoldInterval);
      jobs.schedule(sla.watch(), slaInterval);
      jobs.schedule(report.keeper(), slaInterval);
    });
  }

  /** From now on the health check answers 503, so the load balancer stops sending. */
  public void beginDrain() {
    draining.begin();
  }

  /** Stops the jobs of this instance alone (a test's second instance that must not reconcile the run's orders). */
  public Future<Void> stopJobs() {
    return jobs.stop();
  }

  /** Stops background work: no new runs; those in flight finish (their leases then lapse by themselves). */
  public Future<Void> stop() {
    List<Future<Void>> stopped = new ArrayList<>(modules.stream().map(Module::stop).toList());
    stopped.add(jobs.stop());
    return Future.join(stopped).mapEmpty();
  }

  /** Erasure, re-sealing and lookups of orders' personal data (tests run its jobs' passes directly). */
  public PersonalDataService personalData() {
    return personalData;
  }

  /** The SLA watch, for tests that make a breach and look for it without waiting for the next pass. */
  public Job slaWatch() {
    return sla.watch();
  }

  /** Keeps the daily reports whose cut-off has passed, for tests that look at a kept report. */
  public Job reportKeeper() {
    return report.keeper();
  }

  public PaymentJobs paymentJobs() {
    return payment.jobs();
  }

  /** Pauses the outbox worker's periodic passes (tests that count WeChat calls); runFor still works. */
  public Future<Void> pauseOutbox() {
    return jobs.pause(outbox);
  }

  public void resumeOutbox() {
    jobs.resume(outbox);
  }

  /** What the outbox worker does with each row, for a second worker in tests. */
  public OutboxHandler outboxHandler() {
    return outboxHandler;
  }
}
