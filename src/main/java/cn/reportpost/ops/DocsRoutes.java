package cn.reportpost.ops;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;

/** The OpenAPI document of the HTTP contract at /openapi.yaml, readable through Swagger UI at /docs. */
public final class DocsRoutes {

  public static final String SWAGGER_UI = "META-INF/resources/webjars/swagger-ui/5.34.1";

  public void mount(Router router) {
    router.get("/openapi.yaml").handler(ctx -> ctx.response()
        .putHeader("Content-Type", "application/yaml; charset=utf-8")
        .sendFile("openapi.yaml"));
    // Vert.x matches /docs and /docs/ alike; the page links its assets absolutely.
    router.get("/docs").handler(ctx -> ctx.response()
        .putHeader("Content-Type", "text/html; charset=utf-8")
        .sendFile("docs/index.html"));
    router.get("/docs/init.js").handler(ctx -> ctx.response()
        .putHeader("Content-Type", "text/javascript; charset=utf-8")
        .sendFile("docs/init.js"));
    // Swagger UI's own files; registered without a method so the document test treats them as assets.
    router.route("/docs/*").handler(StaticHandler.create(SWAGGER_UI).setCachingEnabled(true).setMaxAgeSeconds(86400));
  }
}
