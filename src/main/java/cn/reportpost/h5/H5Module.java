package cn.reportpost.h5;

import cn.reportpost.http.Module;
import io.vertx.ext.web.Router;

/** The resident's pages under /h5/, served from the jar. */
public final class H5Module implements Module {

  private final H5Routes routes = new H5Routes();

  @Override
  public void mount(Router router) {
    routes.mount(router);
  }
}
