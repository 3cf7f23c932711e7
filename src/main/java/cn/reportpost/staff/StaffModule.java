package cn.reportpost.staff;

import cn.reportpost.audit.AuditLog;
import cn.reportpost.catalog.Catalog;
import cn.reportpost.config.AppConfig;
import cn.reportpost.config.Mode;
import cn.reportpost.http.Module;
import cn.reportpost.http.SessionStore;
import cn.reportpost.redis.Redis;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Pool;

import java.time.Clock;
import java.time.Duration;

/** Staff accounts: sign-in with its throttle, sessions, and the admin's user pages. */
public final class StaffModule implements Module {

  private final Vertx vertx;
  private final StaffRepository accounts;
  private final StaffAuth auth;
  private final LoginThrottle throttle;
  private final PasswordHashPool hashing;
  private final AuditLog audit;
  private final Catalog catalog;

  public StaffModule(Vertx vertx, Pool pool, Redis redis, AppConfig config, StaffAuth auth, AuditLog audit,
      Catalog catalog, MeterRegistry metrics) {
    this.vertx = vertx;
    this.accounts = new StaffRepository(pool);
    this.auth = auth;
    this.throttle = new LoginThrottle(redis, config.integer("staff.loginMaxFailures"),
        Duration.ofMinutes(config.integer("staff.loginLockMinutes")), config.integer("staff.loginMaxFailuresPerAddress"),
        Duration.ofMinutes(config.integer("staff.loginAddressBlockMinutes")));
    this.hashing = new PasswordHashPool(vertx, config.integer("staff.hashingThreads"), config.integer("staff.hashingQueue"),
        metrics);
    this.audit = audit;
    this.catalog = catalog;
  }

  /** Staff sessions; built before the modules, since every staff route of every feature needs them. */
  public static StaffAuth sessions(Redis redis, Clock clock, AppConfig config) {
    SessionStore store = new SessionStore(redis, clock, "staff",
        Duration.ofMinutes(config.integer("staff.sessionIdleMinutes")),
        Duration.ofHours(config.integer("staff.sessionAbsoluteHours")));
    return new StaffAuth(new StaffSessions(store), config.mode() == Mode.PRODUCTION);
  }

  @Override
  public void mount(Router router) {
    new StaffRoutes(accounts, auth, throttle, hashing).mount(router);
    new AdminUserRoutes(hashing, accounts, auth, audit, catalog).mount(router);
    new AuditRoutes(auth, audit).mount(router);
  }
}
