package cn.reportpost.catalog;

import cn.reportpost.api.ProblemException;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** The public read side of the catalog: what a resident picks from before ordering. */
public final class CatalogRoutes {

  private final Catalog catalog;

  public CatalogRoutes(Catalog catalog) {
    this.catalog = catalog;
  }

  public void mount(Router router) {
    router.get("/api/v1/cities").handler(ctx -> catalog.snapshot()
        .onSuccess(s -> send(ctx, s.citiesJson()))
        .onFailure(ctx::fail));
    router.get("/api/v1/cities/:code/sites").handler(ctx -> catalog.snapshot()
        .onSuccess(s -> {
          Buffer sites = s.sitesByCityJson().get(ctx.pathParam("code"));
          if (sites == null) {
            ctx.fail(ProblemException.notFound("no city with code " + ctx.pathParam("code")));
          } else {
            send(ctx, sites);
          }
        })
        .onFailure(ctx::fail));
    router.get("/api/v1/sites/:code").handler(ctx -> catalog.snapshot()
        .onSuccess(s -> {
          Buffer site = s.siteJson().get(ctx.pathParam("code"));
          if (site == null) {
            ctx.fail(ProblemException.notFound("no site with code " + ctx.pathParam("code")));
          } else {
            send(ctx, site);
          }
        })
        .onFailure(ctx::fail));
  }

  private static void send(RoutingContext ctx, Buffer json) {
    ctx.response()
        .putHeader("Content-Type", "application/json; charset=utf-8")
        .putHeader("Cache-Control", "public, max-age=60")
        .end(json);
  }
}
