package cn.reportpost.http;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;

/**
 * A feature as the launcher sees it: built from explicit arguments, it mounts its routes on
 * every HTTP verticle's router and starts and stops its background work once per process.
 */
public interface Module {

  /** Mounts this feature's routes; called once per HTTP verticle instance. */
  default void mount(Router router) {}

  /** Starts background work (listeners, jobs); once per process. */
  default Future<Void> start() {
    return Future.succeededFuture();
  }

  default Future<Void> stop() {
    return Future.succeededFuture();
  }
}
