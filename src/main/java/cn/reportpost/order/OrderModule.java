package cn.reportpost.order;

import cn.reportpost.audit.AuditLog;
import cn.reportpost.catalog.Catalog;
import cn.reportpost.config.AppConfig;
import cn.reportpost.http.Module;
import cn.reportpost.http.RateLimiter;
import cn.reportpost.order.model.Divisions;
import cn.reportpost.order.model.OrderDraftValidator;
import cn.reportpost.order.model.OrderNumberGenerator;
import cn.reportpost.privacy.PersonalData;
import cn.reportpost.resident.ResidentAuth;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;

import java.time.Clock;

/**
 * Orders: the resident's order routes, and the one way every feature moves an order through its
 * lifecycle ({@link #transitions()}), with {@code sideEffects} written in each transition's transaction;
 * {@code carrierTrail} adds the carrier's scans to the resident's order detail.
 */
public final class OrderModule implements Module {

  private final OrderRepository repository;
  private final OrderTransitions transitions;
  private final OrderService service;
  private final PersonalDataService personalData;
  private final ResidentAuth residents;
  private final RateLimiter limiter;
  private final int perResidentPerMinute;
  private final int perIpPerMinute;
  /** Encoded once here, off the event loops, and shared by every event loop's router. */
  private final DivisionRoutes divisions = new DivisionRoutes(Divisions.standard());

  public OrderModule(Pool pool, SqlClient reads, Clock clock, AppConfig config, Catalog catalog, PersonalData personal,
      ResidentAuth residents, RateLimiter limiter, OrderSideEffects sideEffects, CarrierTrail carrierTrail,
      AuditLog audit, Vertx vertx) {
    this.repository = new OrderRepository(pool, reads);
    this.transitions = new OrderTransitions(repository, sideEffects);
    this.service = new OrderService(repository, transitions, catalog, personal,
        new OrderDraftValidator(clock, config.integer("orders.sampleMaxAgeDays")), new OrderNumberGenerator(clock), carrierTrail, clock, audit);
    this.personalData = new PersonalDataService(vertx, new PersonalDataRepository(pool, reads), repository, service, personal,
        clock, config.integer("privacy.retentionDays"), config.integer("privacy.resealBatchSize"));
    this.residents = residents;
    this.limiter = limiter;
    this.perResidentPerMinute = config.integer("orders.ratePerResidentPerMinute");
    this.perIpPerMinute = config.integer("orders.ratePerIpPerMinute");
  }

  public Orders orders() {
    return repository;
  }

  public OrderTransitions transitions() {
    return transitions;
  }

  public OrderService service() {
    return service;
  }

  /** Erasure, re-sealing and customer-service lookups of orders' personal data. */
  public PersonalDataService personalData() {
    return personalData;
  }

  @Override
  public void mount(Router router) {
    new OrderRoutes(service, personalData, residents, limiter, perResidentPerMinute, perIpPerMinute).mount(router);
    divisions.mount(router);
  }

  /** Refuses to start while orders need a PII key that is no longer configured. */
  @Override
  public Future<Void> start() {
    return personalData.reseal().verifyKeys();
  }
}
