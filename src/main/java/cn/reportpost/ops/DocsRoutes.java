package cn.reportpost.ops;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The OpenAPI document of the HTTP contract at /openapi.yaml, readable through Swagger UI at /docs.
 * All of it comes from the jar: Vert.x's sendFile and StaticHandler look in the working directory
 * first, where any file of the same name would be served in its place.
 */
public final class DocsRoutes {

  private static final String SWAGGER_UI = "META-INF/resources/webjars/swagger-ui/5.34.1";
  /** A file name directly inside Swagger UI's folder: no path separators, no "..". */
  private static final Pattern ASSET = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
  private static final Map<String, String> TYPES = Map.of(
      "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8", "map", "application/json",
      "html", "text/html; charset=utf-8", "png", "image/png");

  /** Each resource read from the jar once (off the event loop); empty when the jar has no such file. */
  private final Map<String, Optional<byte[]>> read = new ConcurrentHashMap<>();

  public void mount(Router router) {
    router.get("/openapi.yaml").handler(ctx -> send(ctx, "openapi.yaml", "application/yaml; charset=utf-8", false));
    // Vert.x matches /docs and /docs/ alike; the page links its assets absolutely.
    router.get("/docs").handler(ctx -> send(ctx, "docs/index.html", TYPES.get("html"), false));
    router.get("/docs/init.js").handler(ctx -> send(ctx, "docs/init.js", TYPES.get("js"), false));
    // Swagger UI's own files; registered without a method so the document test treats them as assets.
    router.route("/docs/*").handler(ctx -> {
      String name = ctx.pathParam("*");
      String type = name == null || !ASSET.matcher(name).matches() ? null
          : TYPES.get(name.substring(name.lastIndexOf('.') + 1));
      if (type == null) {
        ctx.next();
      } else {
        send(ctx, SWAGGER_UI + "/" + name, type, true);
      }
    });
  }

  private void send(RoutingContext ctx, String resource, String type, boolean immutable) {
    Optional<byte[]> known = read.get(resource);
    Future<Optional<byte[]>> content = known != null ? Future.succeededFuture(known)
        : ctx.vertx().executeBlocking(() -> read.computeIfAbsent(resource, DocsRoutes::fromJar), false);
    content.onSuccess(bytes -> {
      if (bytes.isEmpty()) {
        ctx.next();
        return;
      }
      if (immutable) {
        ctx.response().putHeader("Cache-Control", "public, max-age=86400");
      }
      ctx.response().putHeader("Content-Type", type).end(Buffer.buffer(bytes.get()));
    }).onFailure(ctx::fail);
  }

  private static Optional<byte[]> fromJar(String resource) {
    try (InputStream in = DocsRoutes.class.getClassLoader().getResourceAsStream(resource)) {
      return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + resource + " from the jar", e);
    }
  }
}
