package cn.reportpost.http;

import io.vertx.ext.web.RoutingContext;

/** The client's address as this request tells it (forwarded headers only when configured to trust them). */
public final class ClientAddress {

  private ClientAddress() {}

  public static String of(RoutingContext ctx) {
    return ctx.request().remoteAddress() == null ? "" : ctx.request().remoteAddress().hostAddress();
  }
}
