package cn.reportpost.http;

import cn.reportpost.api.ProblemException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

import java.net.URI;
import java.util.Locale;

/**
 * Rules on how a request is sent, as handlers placed after authentication on a route (unlike
 * {@code Route.consumes}, which matches before any handler runs): a caller who is not signed in
 * learns only that (401), never which content types a route takes.
 */
public final class RequestRules {

  private RequestRules() {}

  /** 415 unless the body is declared {@code application/json}. */
  public static Handler<RoutingContext> json() {
    return mediaType("application/json");
  }

  /** 415 unless the request's Content-Type is {@code type} (parameters such as charset aside). */
  public static Handler<RoutingContext> mediaType(String type) {
    return ctx -> {
      String given = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
      if (given == null || !type.equals(given.split(";", 2)[0].trim().toLowerCase(Locale.ROOT))) {
        ctx.fail(new ProblemException(415, "Unsupported media type", "send the body as " + type + ", not "
            + (given == null ? "no content type" : given)));
        return;
      }
      ctx.next();
    };
  }

  /**
   * For a state change made with a cookie session: 403 when the browser names an {@code Origin}
   * other than ours, then {@link #json()}. A page elsewhere can post a form (no preflight) but
   * cannot send JSON without asking first, and the browser always tells us where a cross-origin
   * request comes from; clients outside a browser (the mini-program, scripts) send no Origin.
   */
  public static Handler<RoutingContext> sameOriginJson(String publicBaseUrl) {
    String ours = origin(publicBaseUrl);
    Handler<RoutingContext> json = json();
    return ctx -> {
      String origin = ctx.request().getHeader(HttpHeaders.ORIGIN);
      if (origin != null && (ours.isEmpty() || !ours.equals(origin(origin)))) {
        ctx.fail(new ProblemException(403, "Forbidden", "this request came from another site (" + origin + ")"));
        return;
      }
      json.handle(ctx);
    };
  }

  /** scheme://host[:port] in lower case, without a default port; "" for anything else (such as "null"). */
  public static String origin(String url) {
    try {
      URI uri = new URI(url.trim());
      if (uri.getScheme() == null || uri.getHost() == null) {
        return "";
      }
      String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
      int port = uri.getPort();
      boolean defaultPort = port == -1 || ("https".equals(scheme) && port == 443) || ("http".equals(scheme) && port == 80);
      return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    } catch (java.net.URISyntaxException e) {
      return "";
    }
  }
}
