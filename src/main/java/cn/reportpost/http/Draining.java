package cn.reportpost.http;

/**
 * Whether this instance is shutting down: from SIGTERM on, the health check says so at once, so
 * the load balancer stops sending while requests in flight finish.
 */
public final class Draining {

  private volatile boolean draining;

  public void begin() {
    draining = true;
  }

  public boolean isDraining() {
    return draining;
  }
}
