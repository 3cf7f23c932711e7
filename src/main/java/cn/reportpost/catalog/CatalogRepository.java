package cn.reportpost.catalog;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;

/** Every SQL statement of the catalog. */
public final class CatalogRepository {

  /** A null poster code ($9) keeps the site's own, or gives a new site the column's default. */
  private static final String UPSERT_SITE = """
      INSERT INTO site (code, name, city_code, address, fee_fen, out_of_province_fee_fen, accepting, contact_phone,
        poster_code)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, COALESCE($9, 'MP_QR'))
      ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, city_code = EXCLUDED.city_code,
        address = EXCLUDED.address, fee_fen = EXCLUDED.fee_fen,
        out_of_province_fee_fen = EXCLUDED.out_of_province_fee_fen, accepting = EXCLUDED.accepting,
        contact_phone = EXCLUDED.contact_phone, poster_code = COALESCE($9, site.poster_code), updated_at = now()""";

  private final Pool pool;

  public CatalogRepository(Pool pool) {
    this.pool = pool;
  }

  public Future<List<City>> cities() {
    return pool.query("SELECT code, name, province FROM city ORDER BY sort_order, code").execute()
        .map(rows -> {
          List<City> cities = new ArrayList<>();
          rows.forEach(r -> cities.add(new City(r.getString("code"), r.getString("name"), r.getString("province"))));
          return cities;
        });
  }

  public Future<List<Site>> sites() {
    return pool.query("""
        SELECT code, name, city_code, address, fee_fen, out_of_province_fee_fen, accepting, contact_phone, poster_code
        FROM site ORDER BY city_code, code""").execute()
        .map(rows -> {
          List<Site> sites = new ArrayList<>();
          rows.forEach(r -> sites.add(toSite(r)));
          return sites;
        });
  }

  /** Inserts or updates every site in one transaction: all or nothing. */
  public Future<Integer> upsertSites(List<Site> sites) {
    if (sites.isEmpty()) {
      return Future.succeededFuture(0);
    }
    return pool.withTransaction(tx -> upsertSites(tx, sites));
  }

  static Future<Integer> upsertSites(SqlClient client, List<Site> sites) {
    List<Tuple> batch = new ArrayList<>(sites.size());
    for (Site s : sites) {
      batch.add(Tuple.of(s.code(), s.name(), s.cityCode(), s.address(), s.feeFen(), s.outOfProvinceFeeFen(),
          s.accepting(), s.contactPhone(), s.posterCode() == null ? null : s.posterCode().name()));
    }
    return client.preparedQuery(UPSERT_SITE).executeBatch(batch).map(sites.size());
  }

  /** Sets which code a site's poster carries; false when there is no such site. */
  public Future<Boolean> setPosterCode(String siteCode, PosterCode posterCode) {
    return pool.preparedQuery("UPDATE site SET poster_code = $2, updated_at = now() WHERE code = $1")
        .execute(Tuple.of(siteCode, posterCode.name())).map(rows -> rows.rowCount() == 1);
  }

  private static Site toSite(Row r) {
    return new Site(r.getString("code"), r.getString("name"), r.getString("city_code"), r.getString("address"),
        r.getInteger("fee_fen"), r.getInteger("out_of_province_fee_fen"), r.getBoolean("accepting"),
        r.getString("contact_phone"), PosterCode.valueOf(r.getString("poster_code")));
  }
}
