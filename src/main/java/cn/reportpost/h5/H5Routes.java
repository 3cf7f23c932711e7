package cn.reportpost.h5;

import cn.reportpost.http.PageHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The resident pages (PRODUCT.md §3: "resident pages live under /h5/"): static HTML at clean
 * paths, and their scripts and styles under a content-versioned path so phones may cache them for
 * a year while a new release is fetched at once. HTML itself is revalidated on every visit (ETag).
 */
public final class H5Routes {

  static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; script-src 'self'; "
      + "style-src 'self'; connect-src 'self'; frame-ancestors 'none'";
  private static final String YEAR = "public, max-age=31536000, immutable";
  /** Only plain file names below the asset roots: no "..", no hidden files, known types. */
  private static final Pattern ASSET = Pattern.compile("/h5/(assets|vendor)/([a-f0-9]{1,64})/((?:[a-z0-9-]+/)*[A-Za-z0-9-]+(?:\\.min)?\\.(js|css|txt))");
  private static final Map<String, String> TYPES = Map.of(
      "js", "text/javascript; charset=utf-8",
      "css", "text/css; charset=utf-8",
      "txt", "text/plain; charset=utf-8");
  /** Clean path → page file under h5/. */
  private static final Map<String, String> PAGES = Map.of(
      "/h5/order", "order.html",
      "/h5/confirm", "confirm.html",
      "/h5/pay-result", "pay-result.html",
      "/h5/orders", "orders.html",
      "/h5/orders/:orderNo", "order-detail.html",
      "/h5/orders/:orderNo/address", "address.html",
      "/h5/orders/:orderNo/aftersales", "aftersales.html",
      "/h5/help", "help.html");

  private final H5Content content;

  public H5Routes() {
    this(H5Content.load(PAGES.values()));
  }

  H5Routes(H5Content content) {
    this.content = content;
  }

  public void mount(Router router) {
    router.route("/h5/*").handler(PageHeaders.with(CONTENT_SECURITY_POLICY));
    PAGES.forEach((path, file) -> router.get(path).handler(ctx -> page(ctx, content.page(file))));
    // Registered without a method: files, not API operations (the OpenAPI parity test skips them).
    router.route("/h5/assets/*").handler(this::asset);
    router.route("/h5/vendor/*").handler(this::asset);
  }

  /** The version segment the pages put in their asset URLs. */
  public String assetVersion() {
    return content.version();
  }

  private static void page(RoutingContext ctx, H5Content.Page page) {
    HttpServerResponse response = ctx.response()
        .putHeader("Cache-Control", "no-cache")
        .putHeader("ETag", page.etag());
    if (page.etag().equals(ctx.request().getHeader("If-None-Match"))) {
      response.setStatusCode(304).end();
      return;
    }
    response.putHeader("Content-Type", "text/html; charset=utf-8").end(page.html());
  }

  private void asset(RoutingContext ctx) {
    if (ctx.request().method() != HttpMethod.GET && ctx.request().method() != HttpMethod.HEAD) {
      ctx.fail(405);
      return;
    }
    Matcher m = ASSET.matcher(ctx.normalizedPath());
    if (!m.matches()) {
      ctx.fail(404);
      return;
    }
    // An older version can still be asked for during a rolling release: serve it, but do not pin it.
    boolean current = m.group(2).equals(content.version());
    ctx.response()
        .putHeader("Content-Type", TYPES.get(m.group(4)))
        .putHeader("Cache-Control", current ? YEAR : "no-cache")
        .sendFile("h5/" + m.group(1) + "/" + m.group(3))
        .onFailure(e -> {
          ctx.response().headers().remove("Cache-Control").remove("Content-Type");
          ctx.fail(404);
        });
  }
}
