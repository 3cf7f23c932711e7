package cn.reportpost.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** The headers every HTML page of ours and its assets carry: a strict policy, no sniffing, no leaked paths. */
public final class PageHeaders {

  private PageHeaders() {}

  public static Handler<RoutingContext> with(String contentSecurityPolicy) {
    return ctx -> {
      ctx.response()
          .putHeader("Content-Security-Policy", contentSecurityPolicy)
          .putHeader("X-Content-Type-Options", "nosniff")
          // Order numbers are in the paths; other sites need not learn them.
          .putHeader("Referrer-Policy", "same-origin");
      ctx.next();
    };
  }
}
