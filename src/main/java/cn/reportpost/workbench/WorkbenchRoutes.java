package cn.reportpost.workbench;

import cn.reportpost.h5.H5Content;
import cn.reportpost.h5.H5Routes;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The site workbench under /staff/: the sign-in page and the workbench itself, static HTML that
 * talks to the staff API with the staff session. Assets sit under a content-versioned path
 * (cached for a year, a release fetched at once); the pages are revalidated on every visit.
 */
public final class WorkbenchRoutes {

  private static final Pattern ASSET = Pattern.compile("/staff/assets/([a-f0-9]{1,64})/([a-z0-9-]+\\.(js|css))");
  private static final Map<String, String> TYPES = Map.of(
      "js", "text/javascript; charset=utf-8",
      "css", "text/css; charset=utf-8");
  /** Clean path → page file under workbench/pages. */
  private static final Map<String, String> PAGES = Map.of(
      "/staff/login", "login.html",
      "/staff/", "workbench.html");

  private final H5Content content = H5Content.load("workbench", PAGES.values());

  public void mount(Router router) {
    router.route("/staff/*").handler(H5Routes.SECURITY_HEADERS);
    PAGES.forEach((path, file) -> router.get(path).handler(ctx -> H5Routes.page(ctx, content.page(file))));
    // Registered without a method: files, not API operations (the OpenAPI parity test skips them).
    router.route("/staff/assets/*").handler(this::asset);
  }

  private void asset(RoutingContext ctx) {
    Matcher m = H5Routes.assetPath(ctx, ASSET);
    if (m != null) {
      H5Routes.sendAsset(ctx, "workbench/assets/" + m.group(2), TYPES.get(m.group(3)), m.group(1).equals(content.version()));
    }
  }
}
