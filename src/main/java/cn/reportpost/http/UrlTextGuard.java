package cn.reportpost.http;

import cn.reportpost.api.ProblemException;
import io.vertx.core.Handler;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.List;

/**
 * Refuses a path or query that is not {@link Text valid text} before any route sees it, naming the
 * path parameter (as the route that would serve it calls it) or the query parameter. One check
 * here instead of one in every route that passes a parameter to PostgreSQL.
 */
public final class UrlTextGuard implements Handler<RoutingContext> {

  private final Router router;
  private volatile List<String[]> patterns;

  /** {@code router}: where the names of path parameters are looked up, once its routes are all mounted. */
  public UrlTextGuard(Router router) {
    this.router = router;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String[] segments = ctx.request().path().split("/", -1);
    for (int i = 0; i < segments.length; i++) {
      String flaw = Text.flawInEncoded(segments[i]);
      if (flaw != null) {
        throw ProblemException.invalid(parameterAt(segments, i), flaw);
      }
    }
    String query = ctx.request().query();
    if (query != null) {
      for (String pair : query.split("&")) {
        int eq = pair.indexOf('=');
        String flaw = Text.flawInEncoded(eq < 0 ? pair : pair.substring(eq + 1));
        if (flaw != null) {
          String name = eq < 0 ? pair : pair.substring(0, eq);
          throw ProblemException.invalid(Text.flawInEncoded(name) == null ? name : "query", flaw);
        }
      }
    }
    ctx.next();
  }

  /** The name of the path parameter at segment {@code index} in the route the path matches, else "path". */
  private String parameterAt(String[] segments, int index) {
    for (String[] pattern : patterns()) {
      if (pattern.length != segments.length || !pattern[index].startsWith(":")) {
        continue;
      }
      boolean matches = true;
      for (int i = 0; i < pattern.length && matches; i++) {
        matches = pattern[i].startsWith(":") || pattern[i].equals(segments[i]);
      }
      if (matches) {
        return pattern[index].substring(1);
      }
    }
    return "path";
  }

  private List<String[]> patterns() {
    if (patterns == null) {
      List<String[]> found = new ArrayList<>();
      for (Route route : router.getRoutes()) {
        if (route.getPath() != null && route.getPath().contains("/:")) {
          found.add(route.getPath().split("/", -1));
        }
      }
      patterns = found;
    }
    return patterns;
  }
}
