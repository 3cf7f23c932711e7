package cn.reportpost.http;

import cn.reportpost.Services;
import cn.reportpost.catalog.CatalogRoutes;
import cn.reportpost.h5.H5Routes;
import cn.reportpost.ops.DocsRoutes;
import cn.reportpost.ops.HealthRoutes;
import cn.reportpost.staff.LoginThrottle;
import cn.reportpost.staff.StaffAuth;
import cn.reportpost.staff.StaffRepository;
import cn.reportpost.staff.StaffRoutes;
import cn.reportpost.staff.StaffSessions;
import cn.reportpost.config.AppConfig;
import cn.reportpost.config.Mode;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;

import java.time.Duration;

/** The whole HTTP surface: cross-cutting handlers first, then each feature's routes, then the one error handler. */
public final class ApiRouter {

  private ApiRouter() {}

  public static Router create(Vertx vertx, Services services) {
    Router router = Router.router(vertx);
    router.route().handler(new AccessLog());
    router.route().handler(BodyHandler.create(false)
        .setBodyLimit(services.config().integer("http.maxBodyBytes"))
        .setHandleFileUploads(false));

    AppConfig config = services.config();
    Duration absolute = Duration.ofHours(config.integer("staff.sessionAbsoluteHours"));
    StaffAuth staffAuth = new StaffAuth(new StaffSessions(services.redis(), services.clock(),
        Duration.ofMinutes(config.integer("staff.sessionIdleMinutes")), absolute), config.mode() == Mode.PRODUCTION);
    LoginThrottle throttle = new LoginThrottle(services.redis(), config.integer("staff.loginMaxFailures"),
        Duration.ofMinutes(config.integer("staff.loginLockMinutes")));

    new CatalogRoutes(services.catalog()).mount(router);
    new StaffRoutes(vertx, new StaffRepository(services.pool()), staffAuth, throttle, absolute.toSeconds()).mount(router);
    new HealthRoutes(vertx, services.pool(), services.redis()).mount(router);
    router.get("/metrics").handler(PrometheusScrapingHandler.create(services.metrics()));
    new DocsRoutes().mount(router);
    new H5Routes().mount(router);

    ErrorHandler errors = new ErrorHandler();
    router.route().failureHandler(errors);
    for (int status : new int[] {400, 401, 403, 404, 405, 406, 413, 415, 500}) {
      router.errorHandler(status, errors);
    }
    return router;
  }
}
