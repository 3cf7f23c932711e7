package cn.reportpost.dev;

import cn.reportpost.catalog.CatalogRepository;
import cn.reportpost.catalog.SiteImport;
import cn.reportpost.staff.PasswordHasher;
import cn.reportpost.staff.StaffRepository;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Dev mode's demo data, loaded once: 217 demo test sites over Shanxi's 11 cities (the cities
 * themselves come with the schema) and one demo account per role. Never used in production.
 */
public final class DemoData {

  public static final String PASSWORD = "reportpost-demo";
  public static final String DEMO_SITE = "TY001";
  public static final String DEMO_COURIER = "courier";
  public static final String DEMO_COURIER_CITY = "140100";

  private record Account(String username, String role, String siteCode, List<String> cityCodes) {}

  public static final List<String> USERNAMES = List.of("admin", "ops", "courier", "staff");
  private static final List<Account> ACCOUNTS = List.of(
      new Account("admin", "ADMIN", null, List.of()),
      new Account("ops", "OPS", null, List.of()),
      new Account(DEMO_COURIER, "COURIER", null, List.of(DEMO_COURIER_CITY)),
      new Account("staff", "SITE_STAFF", DEMO_SITE, List.of()));

  private static final Logger log = LoggerFactory.getLogger(DemoData.class);

  private DemoData() {}

  public static Future<Void> load(Vertx vertx, Pool pool) {
    CatalogRepository catalog = new CatalogRepository(pool);
    StaffRepository staff = new StaffRepository(pool);
    return catalog.sites().compose(sites -> {
      if (!sites.isEmpty()) {
        return Future.succeededFuture();
      }
      return new SiteImport(catalog).run(demoSitesCsv())
          .onSuccess(n -> log.info("demo data: imported {} demo test sites", n)).mapEmpty();
    }).compose(v -> staff.count()).compose(count -> {
      if (count > 0) {
        return Future.succeededFuture();
      }
      PasswordHasher hasher = new PasswordHasher();
      return vertx.executeBlocking(() -> hasher.hash(PASSWORD)).compose(hash -> {
        Future<Void> chain = Future.succeededFuture();
        for (Account a : ACCOUNTS) {
          chain = chain.compose(x -> staff.createIfAbsent(a.username(), hash, a.role(), a.siteCode(), a.cityCodes()).mapEmpty());
        }
        return chain.onSuccess(x -> log.info("demo data: created the demo accounts {}", USERNAMES));
      });
    });
  }

  public static String demoSitesCsv() {
    try (InputStream in = DemoData.class.getResourceAsStream("/demo/sites.csv")) {
      if (in == null) {
        throw new IllegalStateException("demo/sites.csv is missing from the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
