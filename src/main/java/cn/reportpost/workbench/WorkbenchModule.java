package cn.reportpost.workbench;

import cn.reportpost.http.Module;
import io.vertx.ext.web.Router;

/** The site workbench's pages under /staff/, served from the jar; the API behind them is the handover feature's. */
public final class WorkbenchModule implements Module {

  private final WorkbenchRoutes routes = new WorkbenchRoutes();

  @Override
  public void mount(Router router) {
    routes.mount(router);
  }
}
