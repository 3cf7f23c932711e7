package cn.reportpost;

import cn.reportpost.catalog.AdminSiteRoutes;
import cn.reportpost.catalog.CatalogRepository;
import cn.reportpost.chat.ChatFeature;
import cn.reportpost.config.AppConfig;
import cn.reportpost.config.InvalidSettingException;
import cn.reportpost.config.Mode;
import cn.reportpost.db.Database;
import cn.reportpost.delivery.DeliveryRoutes;
import cn.reportpost.delivery.DeliveryService;
import cn.reportpost.handover.HandoverRepository;
import cn.reportpost.handover.HandoverRoutes;
import cn.reportpost.handover.HandoverService;
import cn.reportpost.handover.PrintRoutes;
import cn.reportpost.http.RateLimiter;
import cn.reportpost.http.SessionStore;
import cn.reportpost.notify.NotificationOpsRoutes;
import cn.reportpost.notify.NotificationWorker;
import cn.reportpost.notify.OutboxHandler;
import cn.reportpost.notify.OutboxRepository;
import cn.reportpost.notify.OutboxWriter;
import cn.reportpost.notify.ResidentNotifier;
import cn.reportpost.notify.SubscribeConsents;
import cn.reportpost.audit.AuditLog;
import cn.reportpost.order.OrderRepository;
import cn.reportpost.order.OrderRoutes;
import cn.reportpost.order.OrderService;
import cn.reportpost.order.OrderTransitions;
import cn.reportpost.order.model.OrderDraftValidator;
import cn.reportpost.order.model.OrderNumberGenerator;
import cn.reportpost.payment.PaymentJobs;
import cn.reportpost.payment.PaymentRoutes;
import cn.reportpost.payment.PaymentService;
import cn.reportpost.print.CjkFont;
import cn.reportpost.print.EnvelopeLabels;
import cn.reportpost.print.HandoverSheet;
import cn.reportpost.privacy.PersonalData;
import cn.reportpost.resident.MiniAppClient;
import cn.reportpost.resident.MiniAppRoutes;
import cn.reportpost.resident.OAuthClient;
import cn.reportpost.resident.OAuthRoutes;
import cn.reportpost.resident.ResidentAuth;
import cn.reportpost.resident.ResidentRepository;
import cn.reportpost.shipping.ShippingTasks;
import cn.reportpost.staff.AdminUserRoutes;
import cn.reportpost.staff.LoginThrottle;
import cn.reportpost.staff.PasswordHashPool;
import cn.reportpost.staff.StaffAuth;
import cn.reportpost.staff.StaffRepository;
import cn.reportpost.staff.StaffRoutes;
import cn.reportpost.staff.StaffSessions;
import io.vertx.ext.web.Router;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * The features, wired once per process from the shared services: every HTTP verticle instance
 * mounts the same objects, and background jobs exist once.
 */
public final class Features {

  private final Services services;
  private final PersonalData personal;
  private final StaffAuth staffAuth;
  private final LoginThrottle loginThrottle;
  private final PasswordHashPool passwordHashing;
  private final ResidentAuth residentAuth;
  private final RateLimiter limiter;
  private final OrderRepository orders;
  private final OrderService orderService;
  private final PaymentService payments;
  private final PaymentJobs paymentJobs;
  private final HandoverService handovers;
  private final DeliveryService delivery;
  private final AuditLog audit;
  private final OAuthClient oauth;
  private final MiniAppClient miniApp;
  private final OutboxRepository outbox;
  private final SubscribeConsents consents;
  private final OutboxHandler handler;
  private final Set<String> subscribeTemplates;
  private final NotificationWorker notifications;
  private final CjkFont font;
  private final ChatFeature chat;

  public Features(Services services, WeChatPorts wechat) {
    this.services = services;
    this.oauth = wechat.oauth();
    this.miniApp = wechat.miniApp();
    this.subscribeTemplates = wechat.subscribe() == null ? Set.of() : Set.of(wechat.subscribe().templateId());
    AppConfig config = services.config();
    boolean production = config.mode() == Mode.PRODUCTION;
    try {
      personal = PersonalData.of(config.string("secrets.piiKeyId"), config.string("secrets.piiKey"),
          config.string("secrets.piiOldKeys"), config.string("secrets.hashKey"));
    } catch (IllegalArgumentException e) {
      throw new InvalidSettingException(e.getMessage());
    }
    Duration staffAbsolute = Duration.ofHours(config.integer("staff.sessionAbsoluteHours"));
    staffAuth = new StaffAuth(new StaffSessions(new SessionStore(services.redis(), services.clock(), "staff",
        Duration.ofMinutes(config.integer("staff.sessionIdleMinutes")), staffAbsolute)), production);
    loginThrottle = new LoginThrottle(services.redis(), config.integer("staff.loginMaxFailures"),
        Duration.ofMinutes(config.integer("staff.loginLockMinutes")), config.integer("staff.loginMaxFailuresPerAddress"),
        Duration.ofMinutes(config.integer("staff.loginAddressBlockMinutes")));
    passwordHashing = new PasswordHashPool(services.vertx(), config.integer("staff.hashingThreads"),
        config.integer("staff.hashingQueue"), services.metrics());
    residentAuth = new ResidentAuth(new SessionStore(services.redis(), services.clock(), "resident",
        Duration.ofDays(7), Duration.ofDays(30)), production, config.string("http.publicBaseUrl"));
    limiter = new RateLimiter(services.redis());
    orders = new OrderRepository(services.pool(), services.reads());
    OrderTransitions transitions = new OrderTransitions(orders,
        new OutboxWriter(miniApp == null ? null : miniApp.appId()));
    orderService = new OrderService(orders, transitions, services.catalog(), personal,
        new OrderDraftValidator(services.clock(), config.integer("orders.sampleMaxAgeDays")),
        new OrderNumberGenerator(services.clock()), services.clock());
    payments = new PaymentService(wechat.pay(), orders, transitions, orderService, services.clock(), config,
        wechat.cashierUrl());
    Duration interval = Duration.ofSeconds(config.integer("orders.jobIntervalSeconds"));
    paymentJobs = new PaymentJobs(services.vertx(), payments, orders, transitions, services.clock(),
        Duration.ofSeconds(config.integer("orders.reconcileAfterSeconds")),
        Duration.ofMinutes(config.integer("orders.unpaidCloseMinutes")), interval);
    handovers = new HandoverService(services.pool(), orders, transitions, new HandoverRepository(services.pool()),
        services.catalog(), services.clock());
    delivery = new DeliveryService(handovers, transitions, services.clock());
    audit = new AuditLog(services.pool());
    font = CjkFont.load();
    chat = new ChatFeature(services, orders, font);
    outbox = new OutboxRepository(services.pool());
    consents = new SubscribeConsents(services.pool());
    OutboxHandler residents = new ResidentNotifier(consents, wechat.subscribe(), wechat.messenger());
    if (wechat.shipping() == null) {
      handler = residents;
    } else {
      ShippingTasks shipping = new ShippingTasks(wechat.shipping(), orders, services.clock(),
          Duration.ofSeconds(config.integer("wechat.ma.tradeManagedCacheSeconds")));
      handler = OutboxHandler.byKind(Map.of(OutboxWriter.SHIPPING_INFO, shipping, OutboxWriter.RECEIPT_REMINDER, shipping),
          residents);
    }
    notifications = new NotificationWorker(services.vertx(), outbox, handler,
        config.integer("notifications.maxAttempts"), Duration.ofSeconds(config.integer("notifications.firstBackoffSeconds")),
        Duration.ofSeconds(60));
  }

  /** Mounts every feature's routes. */
  public void mount(Router router) {
    AppConfig config = services.config();
    new StaffRoutes(new StaffRepository(services.pool()), staffAuth, loginThrottle, passwordHashing).mount(router);
    new OAuthRoutes(oauth, new ResidentRepository(services.pool()), residentAuth, services.redis(), limiter,
        config.integer("residents.oauthStartsPerIpPerMinute"), config.string("http.publicBaseUrl"),
        config.string("wechat.mp.appId")).mount(router);
    if (miniApp != null) {
      new MiniAppRoutes(miniApp, new ResidentRepository(services.pool()), residentAuth, personal, consents,
          subscribeTemplates).mount(router);
    }
    new OrderRoutes(orderService, payments, residentAuth, limiter, config.integer("orders.ratePerResidentPerMinute"),
        config.integer("orders.ratePerIpPerMinute")).mount(router);
    new PaymentRoutes(payments, orders, residentAuth).mount(router);
    new HandoverRoutes(handovers, payments, staffAuth, audit, services.catalog(), personal).mount(router);
    new AdminUserRoutes(passwordHashing, new StaffRepository(services.pool()), staffAuth, audit, services.catalog()).mount(router);
    new AdminSiteRoutes(new CatalogRepository(services.pool()), services.catalog(), staffAuth, audit).mount(router);
    new DeliveryRoutes(delivery, staffAuth, audit, services.clock()).mount(router);
    new PrintRoutes(services.vertx(), handovers, services.catalog(), personal, staffAuth, new EnvelopeLabels(font),
        new HandoverSheet(font)).mount(router);
    new NotificationOpsRoutes(outbox, staffAuth, audit).mount(router);
    chat.mount(router, staffAuth, audit);
  }

  public PaymentJobs paymentJobs() {
    return paymentJobs;
  }

  /** The notification worker on its configured interval (tests pause it with notifications().stop()). */
  public void startNotifications() {
    notifications.start(Duration.ofSeconds(services.config().integer("notifications.intervalSeconds")));
  }

  /** What the notification worker does with each outbox row, for a second worker in tests. */
  public OutboxHandler outboxHandler() {
    return handler;
  }

  public NotificationWorker notifications() {
    return notifications;
  }

  /** Starts the background jobs of this instance (they coordinate with other instances through PostgreSQL). */
  public void startJobs() {
    paymentJobs.start();
    startNotifications();
    chat.listen(Database.connectOptions(services.config()))
        .onFailure(e -> org.slf4j.LoggerFactory.getLogger(Features.class).warn("chat rules listener: {}", e.getMessage()));
  }

  public void stopJobs() {
    paymentJobs.stop();
    notifications.stop();
    chat.close();
  }
}
