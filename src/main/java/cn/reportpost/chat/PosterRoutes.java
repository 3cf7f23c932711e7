package cn.reportpost.chat;

import cn.reportpost.catalog.Catalog;
import cn.reportpost.catalog.City;
import cn.reportpost.catalog.Site;
import cn.reportpost.http.ProblemException;
import cn.reportpost.print.PosterData;
import cn.reportpost.print.Posters;
import cn.reportpost.staff.StaffAuth;
import cn.reportpost.wechat.MpApi;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.List;
import java.util.function.Function;

/**
 * ADMIN and OPS: each site's printable poster, whose QR code is the site's permanent parametric
 * code (scene = site code), so a scan lands in the chat with the site already chosen.
 */
public final class PosterRoutes {

  private final Vertx vertx;
  private final MpApi mp;
  private final Catalog catalog;
  private final Posters posters;
  private final StaffAuth auth;

  PosterRoutes(Vertx vertx, MpApi mp, Catalog catalog, Posters posters, StaffAuth auth) {
    this.vertx = vertx;
    this.mp = mp;
    this.catalog = catalog;
    this.posters = posters;
    this.auth = auth;
  }

  public void mount(Router router) {
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
      return data(site, s.cities().get(site.cityCode()));
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
          .sorted(java.util.Comparator.comparing(Site::code)).map(site -> data(site, city)).toList();
      return Future.all(all).map(done -> all.stream().map(Future::result).toList());
    }).compose(list -> vertx.executeBlocking(() -> posters.cityZip(list), false))
        .onSuccess(zip -> send(ctx, "application/zip", code + "-posters.zip", zip))
        .onFailure(ctx::fail);
  }

  /**
   * The site's permanent QR ticket, drawn here from the URL WeChat returns with it. WeChat's answer
   * says the URL is what the code decodes to and may be drawn by the developer: the poster gets
   * vector modules at print resolution instead of a 430-pixel picture scaled up, and one fewer
   * call to WeChat per poster.
   */
  private Future<PosterData> data(Site site, City city) {
    return mp.permanentQr(site.code()).map(qr ->
        PosterData.withQrText(site.code(), site.name(), city.name(), site.feeFen(), qr.url()));
  }

  private static void send(RoutingContext ctx, String type, String filename, byte[] bytes) {
    ctx.response().putHeader("Content-Type", type)
        .putHeader("Content-Disposition", "attachment; filename=\"" + filename + "\"").end(Buffer.buffer(bytes));
  }
}
