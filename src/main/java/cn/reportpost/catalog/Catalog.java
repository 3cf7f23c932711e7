package cn.reportpost.catalog;

import cn.reportpost.db.ChangeListener;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgConnectOptions;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The catalog of cities and sites, held in process. PostgreSQL tells every instance when the
 * catalog changes (LISTEN catalog_changed, fired by triggers), and a lifetime bounds staleness if
 * that notice is ever missed. The read answers are encoded once per snapshot.
 */
public final class Catalog {

  /** An immutable view of the whole catalog, with the JSON answers already encoded. */
  public record Snapshot(Instant loadedAt, Map<String, City> cities, Map<String, Site> sites,
      Buffer citiesJson, Map<String, Buffer> sitesByCityJson, Map<String, Buffer> siteJson) {

    public Optional<Site> site(String code) {
      return Optional.ofNullable(sites.get(code));
    }

    public Set<String> cityCodes() {
      return cities.keySet();
    }
  }

  private final CatalogRepository repository;
  private final Duration lifetime;
  private final Clock clock;
  private volatile Snapshot snapshot;
  private final ChangeListener listener;

  public Catalog(Vertx vertx, CatalogRepository repository, Duration lifetime, Clock clock) {
    this.repository = repository;
    this.lifetime = lifetime;
    this.clock = clock;
    this.listener = new ChangeListener(vertx, "catalog_changed", this::invalidate);
  }

  CatalogRepository repository() {
    return repository;
  }

  public Future<Snapshot> snapshot() {
    Snapshot current = snapshot;
    if (current != null && current.loadedAt().plus(lifetime).isAfter(clock.instant())) {
      return Future.succeededFuture(current);
    }
    return load();
  }

  /**
   * Sets which code a site's poster carries; false when there is no such site. This instance sees
   * it at once, the others on the catalog's NOTIFY.
   */
  public Future<Boolean> setPosterCode(String siteCode, PosterCode posterCode) {
    return repository.setPosterCode(siteCode, posterCode).onSuccess(found -> {
      if (found) {
        invalidate();
      }
    });
  }

  public void invalidate() {
    snapshot = null;
  }

  private Future<Snapshot> load() {
    Instant now = clock.instant();
    return repository.cities().compose(cities -> repository.sites().map(sites -> build(now, cities, sites)))
        .onSuccess(s -> snapshot = s);
  }

  static Snapshot build(Instant at, List<City> cityList, List<Site> siteList) {
    Map<String, City> cities = new LinkedHashMap<>();
    cityList.forEach(c -> cities.put(c.code(), c));
    Map<String, Site> sites = new LinkedHashMap<>();
    Map<String, List<Site>> byCity = new LinkedHashMap<>();
    cityList.forEach(c -> byCity.put(c.code(), new ArrayList<>()));
    for (Site s : siteList) {
      sites.put(s.code(), s);
      byCity.computeIfAbsent(s.cityCode(), k -> new ArrayList<>()).add(s);
    }
    JsonArray cityArray = new JsonArray();
    Map<String, Buffer> sitesByCityJson = new LinkedHashMap<>();
    for (City c : cityList) {
      List<Site> inCity = byCity.get(c.code());
      cityArray.add(new JsonObject().put("code", c.code()).put("name", c.name()).put("siteCount", inCity.size()));
      JsonArray siteArray = new JsonArray();
      inCity.forEach(s -> siteArray.add(summary(s)));
      sitesByCityJson.put(c.code(), siteArray.toBuffer());
    }
    Map<String, Buffer> siteJson = new LinkedHashMap<>();
    for (Site s : siteList) {
      City c = cities.get(s.cityCode());
      siteJson.put(s.code(), summary(s)
          .put("contactPhone", s.contactPhone())
          .put("city", new JsonObject().put("code", c.code()).put("name", c.name()).put("province", c.province()))
          .toBuffer());
    }
    return new Snapshot(at, Map.copyOf(cities), Map.copyOf(sites), cityArray.toBuffer(),
        Map.copyOf(sitesByCityJson), Map.copyOf(siteJson));
  }

  /** A site as the public API shows it; the admin table adds its own columns to this. */
  static JsonObject summary(Site s) {
    return new JsonObject().put("code", s.code()).put("name", s.name()).put("address", s.address())
        .put("feeFen", s.feeFen()).put("outOfProvinceFeeFen", s.outOfProvinceFeeFen()).put("accepting", s.accepting());
  }

  /** Listens for catalog changes on a connection of its own, reconnecting after a loss. */
  public Future<Void> listen(PgConnectOptions options) {
    return listener.listen(options);
  }

  public Future<Void> close() {
    return listener.close();
  }
}
