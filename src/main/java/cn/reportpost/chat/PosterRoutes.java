package cn.reportpost.chat;

import cn.reportpost.api.BodyReader;
import cn.reportpost.catalog.Catalog;
import cn.reportpost.catalog.City;
import cn.reportpost.catalog.PosterCode;
import cn.reportpost.catalog.Site;
import cn.reportpost.http.JsonBody;
import cn.reportpost.api.ProblemException;
import cn.reportpost.audit.AuditLog;
import cn.reportpost.http.RequestRules;
import cn.reportpost.print.PosterData;
import cn.reportpost.print.Posters;
import cn.reportpost.staff.StaffAuth;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.List;
import java.util.function.Function;

/**
 * ADMIN and OPS: each site's printable poster, carrying the code the site is set to (see
 * {@link PosterCodes}), so a scan lands in the chat or the mini-program with the site already
 * chosen. ADMIN sets which code a site's poster carries.
 */
public final class PosterRoutes {

  private final Vertx vertx;
  private final PosterCodes codes;
  private final Catalog catalog;
  private final Posters posters;
  private final StaffAuth auth;
  private final AuditLog audit;

  PosterRoutes(Vertx vertx, PosterCodes codes, Catalog catalog, Posters posters,
      StaffAuth auth, AuditLog audit) {
    this.vertx = vertx;
    this.codes = codes;
    this.catalog = catalog;
    this.posters = posters;
    this.auth = auth;
    this.audit = audit;
  }

  public void mount(Router router) {
    router.put("/api/v1/admin/sites/:code/poster-code").handler(auth.require("ADMIN")).handler(RequestRules.json())
        .handler(this::setPosterCode);
    router.get("/api/v1/admin/sites/:code/poster.png").handler(auth.require("ADMIN", "OPS"))
        .handler(ctx -> one(ctx, "image/png", posters::png));
    router.get("/api/v1/admin/sites/:code/poster.pdf").handler(auth.require("ADMIN", "OPS"))
        .handler(ctx -> one(ctx, "application/pdf", posters::pdf));
    router.get("/api/v1/admin/cities/:code/posters.zip").handler(auth.require("ADMIN", "OPS")).handler(this::city);
  }

  private void one(RoutingContext ctx, String type, Function<PosterData, byte[]> render) {
    String code = ctx.pathParam("code");
    catalog.snapshot().compose(s -> {
      Site site = s.site(code).orElseThrow(() -> ProblemException.notFound("no site " + code));
      return codes.poster(site, s.cities().get(site.cityCode()));
    }).compose(data -> vertx.executeBlocking(() -> render.apply(data), false))
        .onSuccess(bytes -> send(ctx, type, code + "-poster" + type.substring(type.indexOf('/')).replace('/', '.'), bytes))
        .onFailure(ctx::fail);
  }

  private void city(RoutingContext ctx) {
    String code = ctx.pathParam("code");
    catalog.snapshot().compose(s -> {
      City city = s.cities().get(code);
      if (city == null) {
        throw ProblemException.notFound("no city " + code);
      }
      List<Future<PosterData>> all = s.sites().values().stream().filter(site -> site.cityCode().equals(code))
          .sorted(java.util.Comparator.comparing(Site::code)).map(site -> codes.poster(site, city)).toList();
      return Future.all(all).map(done -> all.stream().map(Future::result).toList());
    }).compose(list -> vertx.executeBlocking(() -> posters.cityZip(list), false))
        .onSuccess(zip -> send(ctx, "application/zip", code + "-posters.zip", zip))
        .onFailure(ctx::fail);
  }

  /** {@code {"posterCode": "MA_CODE"}}; this instance sees it at once, the others on the catalog's NOTIFY. */
  private void setPosterCode(RoutingContext ctx) {
    String code = ctx.pathParam("code");
    BodyReader in = new BodyReader();
    String given = in.optionalText(JsonBody.fields(ctx), "posterCode", "posterCode", 20);
    PosterCode posterCode = given == null ? null : PosterCode.parse(given);
    if (posterCode == null) {
      throw ProblemException.invalid("posterCode", "must be " + PosterCode.choices());
    }
    codes.requireAvailable(code, posterCode);
    catalog.setPosterCode(code, posterCode).compose(found -> {
      if (!found) {
        throw ProblemException.notFound("no site " + code);
      }
      return audit.record(StaffAuth.actor(ctx), "site.poster-code", code, posterCode.name());
    }).onSuccess(v -> ctx.json(new JsonObject().put("code", code).put("posterCode", posterCode.name())))
        .onFailure(ctx::fail);
  }

  private static void send(RoutingContext ctx, String type, String filename, byte[] bytes) {
    ctx.response().putHeader("Content-Type", type)
        .putHeader("Content-Disposition", "attachment; filename=\"" + filename + "\"").end(Buffer.buffer(bytes));
  }
}
