package cn.reportpost;

import cn.reportpost.config.AppConfig;
import cn.reportpost.http.AccessLog;
import cn.reportpost.http.ErrorHandler;
import cn.reportpost.http.UrlTextGuard;
import io.vertx.core.Vertx;
import io.vertx.ext.web.AllowForwardHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

/** The whole HTTP surface: cross-cutting handlers first, then each module's routes, then the one error handler. */
public final class ApiRouter {

  private ApiRouter() {}

  public static Router create(Vertx vertx, AppConfig config, Assembly modules) {
    Router router = Router.router(vertx);
    // Only behind a trusted load balancer: otherwise any client could claim another's address.
    router.allowForward(AllowForwardHeaders.valueOf(config.string("http.forwardHeaders")));
    router.route().handler(new AccessLog());
    router.route().handler(new UrlTextGuard(router));
    router.route().handler(BodyHandler.create(false)
        .setBodyLimit(config.integer("http.maxBodyBytes"))
        .setHandleFileUploads(false));

    modules.mount(router);

    ErrorHandler errors = new ErrorHandler();
    router.route().failureHandler(errors);
    for (int status : new int[] {400, 401, 403, 404, 405, 406, 413, 415, 500}) {
      router.errorHandler(status, errors);
    }
    return router;
  }
}
