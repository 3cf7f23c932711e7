package cn.reportpost.sandbox;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.Set;
import java.util.regex.Pattern;

import static cn.reportpost.sandbox.SandboxHttp.body;
import static cn.reportpost.sandbox.SandboxHttp.json;

/**
 * The mini-program's unlimited codes (wxacode.getUnlimited). WeChat's round code is proprietary and
 * cannot be drawn here, so the answer is a real PNG of a QR code reading
 * {@code wxacode:<page>?scene=<scene>}: a test scans it and sees exactly what reached WeChat.
 */
final class MaCodes {

  /** The pages of the sandbox's released mini-program, which check_path looks the page up in. */
  static final Set<String> RELEASED_PAGES = Set.of("pages/index/index", "pages/order/order", "pages/orders/orders");
  private static final Set<String> ENV_VERSIONS = Set.of("release", "trial", "develop");
  /** The characters WeChat allows in a scene; at most 32 of them. */
  private static final Pattern SCENE_CHARACTERS = Pattern.compile("[0-9A-Za-z!#$&'()*+,/:;=?@._~-]*");
  private static final int MAX_SCENE = 32;

  private final Vertx vertx;

  /** Mounted after {@link MaSandbox}, whose /wxa route checks the access token first. */
  MaCodes(Vertx vertx) {
    this.vertx = vertx;
  }

  void mount(Router router) {
    router.post("/wxa/getwxacodeunlimit").handler(this::unlimited);
  }

  private void unlimited(RoutingContext ctx) {
    JsonObject request = body(ctx);
    JsonObject error = refusal(request);
    if (error != null) {
      json(ctx, error);
      return;
    }
    String page = request.getString("page", "");
    // WeChat draws between 280 and 1280 pixels whatever is asked.
    int width = Math.max(280, Math.min(1280, request.getInteger("width", 430)));
    String text = "wxacode:" + page + "?scene=" + request.getString("scene");
    vertx.executeBlocking(() -> QrImage.png(text, width)).onComplete(png -> {
      if (png.failed()) {
        ctx.fail(png.cause());
      } else {
        ctx.response().putHeader("Content-Type", "image/png").end(Buffer.buffer(png.result()));
      }
    });
  }

  /** WeChat's error for this request, or null when it would draw the code. */
  private static JsonObject refusal(JsonObject request) {
    if (!(request.getValue("scene") instanceof String scene) || scene.isEmpty()
        || scene.length() > MAX_SCENE) {
      return MpTokens.error(40169, "invalid length for scene, or the data is not json string");
    }
    if (!SCENE_CHARACTERS.matcher(scene).matches()) {
      return MpTokens.error(40129, "invalid scene");
    }
    String page = request.getString("page", "");
    boolean checkPath = request.getBoolean("check_path", true);
    // No leading slash and no query string, ever; an unreleased page only when the check is off.
    if (page.startsWith("/") || page.contains("?")
        || (checkPath && !page.isEmpty() && !RELEASED_PAGES.contains(page))) {
      return MpTokens.error(41030, "invalid page");
    }
    if (!ENV_VERSIONS.contains(request.getString("env_version", "release"))) {
      return MpTokens.error(40097, "invalid args: env_version");
    }
    return null;
  }
}
