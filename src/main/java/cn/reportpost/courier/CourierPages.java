package cn.reportpost.courier;

import cn.reportpost.h5.H5Content;
import cn.reportpost.h5.H5Routes;
import cn.reportpost.http.PageHeaders;
import cn.reportpost.http.RequestRules;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The courier app's shell under /courier/: one page, its scripts, styles, icons and the service
 * worker. Everything is revalidated on each visit (the service worker serves it from its cache
 * when the network is gone), and the page may load scripts only from here and from the JS-SDK's host.
 */
final class CourierPages {

  private record File(String resource, String type) {}

  private static final String JS = "text/javascript; charset=utf-8";
  private static final Map<String, File> FILES = Map.ofEntries(
      Map.entry("/courier/app.js", new File("courier/app.js", JS)),
      Map.entry("/courier/scan.js", new File("courier/scan.js", JS)),
      Map.entry("/courier/queue.js", new File("courier/queue.js", JS)),
      Map.entry("/courier/sw.js", new File("courier/sw.js", JS)),
      Map.entry("/courier/courier.css", new File("courier/courier.css", "text/css; charset=utf-8")),
      Map.entry("/courier/manifest.webmanifest", new File("courier/manifest.webmanifest", "application/manifest+json")),
      Map.entry("/courier/icons/icon-192.png", new File("courier/icons/icon-192.png", "image/png")),
      Map.entry("/courier/icons/icon-512.png", new File("courier/icons/icon-512.png", "image/png")),
      Map.entry("/courier/vendor/weui.min.css", new File("h5/vendor/weui/weui.min.css", "text/css; charset=utf-8")),
      Map.entry("/courier/vendor/idb.umd.js", new File("courier/vendor/idb/idb.umd.js", JS)),
      Map.entry("/courier/vendor/zxing-browser.min.js", new File("courier/vendor/zxing/zxing-browser.min.js", JS)));

  private final H5Content.Page page;
  private final String contentSecurityPolicy;

  CourierPages(String jsSdkUrl) {
    String jsSdkOrigin = RequestRules.origin(jsSdkUrl);
    String html = text("courier/index.html").replace("{{jssdkUrl}}", jsSdkUrl);
    this.page = H5Content.Page.of(html);
    this.contentSecurityPolicy = "default-src 'self'; script-src 'self' " + jsSdkOrigin + "; connect-src 'self' " + jsSdkOrigin
        + "; img-src 'self' data: blob:; media-src 'self' blob:; style-src 'self'; worker-src 'self'; manifest-src 'self'; "
        + "frame-ancestors 'none'";
  }

  void mount(Router router) {
    router.route("/courier/*").handler(PageHeaders.with(contentSecurityPolicy));
    router.get("/courier/").handler(ctx -> H5Routes.page(ctx, page));
    // Registered without a method: files, not API operations (the OpenAPI parity test skips them).
    FILES.forEach((path, file) -> router.route(path).handler(ctx -> send(ctx, file)));
  }

  private static void send(RoutingContext ctx, File file) {
    if (ctx.request().method() != HttpMethod.GET && ctx.request().method() != HttpMethod.HEAD) {
      ctx.fail(405);
      return;
    }
    H5Routes.sendAsset(ctx, file.resource(), file.type(), false);
  }

  private static String text(String resource) {
    try (InputStream in = CourierPages.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
