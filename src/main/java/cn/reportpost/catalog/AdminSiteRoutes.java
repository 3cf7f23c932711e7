package cn.reportpost.catalog;

import cn.reportpost.api.FieldError;
import cn.reportpost.http.JsonBody;
import cn.reportpost.api.ProblemException;
import cn.reportpost.audit.AuditLog;
import cn.reportpost.http.RequestRules;
import cn.reportpost.staff.StaffAuth;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * ADMIN: sites and fees, one at a time or as a CSV file. Every instance drops its catalog cache
 * as soon as the change commits (PostgreSQL NOTIFY), so residents see new fees at once.
 */
public final class AdminSiteRoutes {

  private static final Map<String, String> JSON_FIELDS = Map.of("name", "name", "city_code", "cityCode",
      "address", "address", "fee_fen", "feeFen", "out_of_province_fee_fen", "outOfProvinceFeeFen",
      "accepting", "accepting", "contact_phone", "contactPhone");

  private final CatalogRepository repository;
  private final Catalog catalog;
  private final StaffAuth auth;
  private final AuditLog audit;

  public AdminSiteRoutes(CatalogRepository repository, Catalog catalog, StaffAuth auth, AuditLog audit) {
    this.repository = repository;
    this.catalog = catalog;
    this.auth = auth;
    this.audit = audit;
  }

  public void mount(Router router) {
    router.get("/api/v1/admin/sites").handler(auth.require("ADMIN")).handler(this::list);
    router.put("/api/v1/admin/sites/:code").handler(auth.require("ADMIN")).handler(RequestRules.json()).handler(this::put);
    router.post("/api/v1/admin/sites/import").handler(auth.require("ADMIN")).handler(RequestRules.mediaType("text/csv"))
        .handler(this::importCsv);
  }

  /** Every site, accepting or not, by city and code, with its fees and poster code (the console's site table). */
  private void list(RoutingContext ctx) {
    catalog.snapshot().onSuccess(snapshot -> {
      JsonArray sites = new JsonArray();
      snapshot.sites().values().stream()
          .sorted(Comparator.comparing(Site::cityCode).thenComparing(Site::code))
          .forEach(site -> sites.add(Catalog.summary(site).put("cityCode", site.cityCode())
              .put("cityName", snapshot.cities().containsKey(site.cityCode()) ? snapshot.cities().get(site.cityCode()).name() : null)
              .put("contactPhone", site.contactPhone())
              .put("posterCode", site.posterCode() == null ? null : site.posterCode().name())));
      ctx.json(sites);
    }).onFailure(ctx::fail);
  }

  private void put(RoutingContext ctx) {
    JsonObject body = JsonBody.object(ctx);
    String code = ctx.pathParam("code");
    catalog.snapshot().compose(snapshot -> {
      List<String> reasons = new ArrayList<>();
      // The poster's code has a route of its own (PosterRoutes): a site PUT leaves it as it is.
      Site site = SiteCsv.check(column -> "code".equals(column) ? code
          : JSON_FIELDS.containsKey(column) ? text(body.getValue(JSON_FIELDS.get(column))) : null,
          snapshot.cityCodes(), reasons);
      if (site == null) {
        List<FieldError> errors = reasons.stream().map(r -> new FieldError(fieldOf(r), r)).toList();
        return Future.failedFuture(ProblemException.invalid(errors));
      }
      return repository.upsertSites(List.of(site))
          .compose(n -> audit.record(StaffAuth.actor(ctx), "site.put", code,
              "fee " + site.feeFen() + "/" + site.outOfProvinceFeeFen() + ", accepting " + site.accepting()))
          .map(site);
    }).onSuccess(site -> ctx.json(new JsonObject().put("code", site.code()).put("name", site.name())
        .put("cityCode", site.cityCode()).put("feeFen", site.feeFen()).put("outOfProvinceFeeFen", site.outOfProvinceFeeFen())
        .put("accepting", site.accepting()))).onFailure(ctx::fail);
  }

  private void importCsv(RoutingContext ctx) {
    String csv = ctx.body().asString("UTF-8");
    new SiteImport(repository).run(csv == null ? "" : csv)
        .compose(n -> audit.record(StaffAuth.actor(ctx), "site.import", n + " site(s)", "").map(n))
        .onSuccess(n -> ctx.json(new JsonObject().put("imported", n)))
        .onFailure(e -> {
          if (e instanceof SiteImport.RejectedException rejected) {
            ctx.fail(new ProblemException(400, "Bad rows", rejected.getMessage(),
                rejected.errors().stream().map(row -> new FieldError("line " + row.line(), row.reason())).toList()));
          } else {
            ctx.fail(e);
          }
        });
  }

  private static String text(Object value) {
    return value == null ? null : String.valueOf(value);
  }

  /** The JSON field a rule's reason speaks of ("fee_fen must be…" → feeFen). */
  private static String fieldOf(String reason) {
    String column = reason.split(" ", 2)[0];
    return JSON_FIELDS.getOrDefault(column, column);
  }
}
