package cn.reportpost.console;

import cn.reportpost.http.Module;
import cn.reportpost.staff.StaffAuth;
import io.vertx.ext.web.Router;

/** The operations and admin console under /ops/: pages for a PC browser over the existing staff APIs. */
public final class ConsoleModule implements Module {

  private final ConsoleRoutes routes;

  public ConsoleModule(StaffAuth auth) {
    this.routes = new ConsoleRoutes(auth.sessions());
  }

  @Override
  public void mount(Router router) {
    routes.mount(router);
  }
}
