package cn.reportpost.http;

import cn.reportpost.Features;
import cn.reportpost.Services;
import cn.reportpost.catalog.CatalogRoutes;
import cn.reportpost.h5.H5Routes;
import cn.reportpost.ops.DocsRoutes;
import cn.reportpost.ops.HealthRoutes;
import cn.reportpost.ops.ManagementServer;
import io.vertx.core.Vertx;
import io.vertx.ext.web.AllowForwardHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

/** The whole HTTP surface: cross-cutting handlers first, then each feature's routes, then the one error handler. */
public final class ApiRouter {

  private ApiRouter() {}

  public static Router create(Vertx vertx, Services services, Features features) {
    Router router = Router.router(vertx);
    // Only behind a trusted load balancer: otherwise any client could claim another's address.
    router.allowForward(AllowForwardHeaders.valueOf(services.config().string("http.forwardHeaders")));
    router.route().handler(new AccessLog());
    router.route().handler(new UrlTextGuard(router));
    router.route().handler(BodyHandler.create(false)
        .setBodyLimit(services.config().integer("http.maxBodyBytes"))
        .setHandleFileUploads(false));

    new CatalogRoutes(services.catalog()).mount(router);
    features.mount(router);
    new HealthRoutes(vertx, services.pool(), services.redis()).mount(router);
    if (ManagementServer.metricsOnPublicPort(services.config())) {
      ManagementServer.mountMetrics(router, services);
    }
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
