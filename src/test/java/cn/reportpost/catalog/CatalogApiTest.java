package cn.reportpost.catalog;

import cn.reportpost.testing.ReportPostExtension;
import cn.reportpost.testing.TestApp;
import cn.reportpost.testing.TestHttp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(ReportPostExtension.class)
class CatalogApiTest {

  @Test
  void listsShanxisElevenCitiesWithTheirSiteCounts(TestHttp http) {
    TestHttp.Response r = http.get("/api/v1/cities");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).startsWith("application/json");
    JsonArray cities = r.jsonArray();
    assertThat(cities).hasSize(11);
    assertThat(cities.getJsonObject(0).getMap())
        .containsEntry("code", "140100").containsEntry("name", "太原市").containsEntry("siteCount", 40);
    assertThat(cities.stream().map(c -> ((JsonObject) c).getString("code")))
        .containsExactly("140100", "140200", "140300", "140400", "140500", "140600", "140700", "140800",
            "140900", "141000", "141100");
    int total = cities.stream().mapToInt(c -> ((JsonObject) c).getInteger("siteCount")).sum();
    assertThat(total).isGreaterThanOrEqualTo(217);
  }

  @Test
  void listsTheSitesOfOneCity(TestHttp http) {
    TestHttp.Response r = http.get("/api/v1/cities/140300/sites");
    assertThat(r.status()).isEqualTo(200);
    JsonArray sites = r.jsonArray();
    assertThat(sites).isNotEmpty();
    JsonObject first = sites.getJsonObject(0);
    assertThat(first.fieldNames()).contains("code", "name", "address", "feeFen", "accepting");
    assertThat(first.getString("code")).startsWith("YQ");
    assertThat(first.getString("name")).contains("演示");
  }

  @Test
  void answersOneSiteWithItsCity(TestHttp http) {
    JsonObject site = http.get("/api/v1/sites/TY002").json();
    assertThat(site.getString("code")).isEqualTo("TY002");
    assertThat(site.getInteger("feeFen")).isPositive();
    assertThat(site.getJsonObject("city").getString("code")).isEqualTo("140100");
    assertThat(site.getJsonObject("city").getString("name")).isEqualTo("太原市");
  }

  @Test
  void unknownCityAndSiteAre404ProblemsNamingTheCode(TestHttp http) {
    TestHttp.Response city = http.get("/api/v1/cities/999999/sites");
    assertThat(city.status()).isEqualTo(404);
    assertThat(city.header("Content-Type")).isEqualTo("application/problem+json");
    assertThat(city.json().getString("detail")).contains("999999");
    TestHttp.Response site = http.get("/api/v1/sites/NOPE1");
    assertThat(site.status()).isEqualTo(404);
    assertThat(site.json().getInteger("status")).isEqualTo(404);
  }

  @Test
  void aChangeInTheDatabaseReachesTheCachedAnswerWithoutARestart(TestApp app, TestHttp http) throws Exception {
    int before = http.get("/api/v1/sites/TY003").json().getInteger("feeFen");
    int changed = before + 111;
    app.app().services().pool().preparedQuery("UPDATE site SET fee_fen = $1 WHERE code = 'TY003'")
        .execute(Tuple.of(changed)).await(5, TimeUnit.SECONDS);
    try {
      long deadline = System.currentTimeMillis() + 5000;
      int seen = before;
      while (seen != changed && System.currentTimeMillis() < deadline) {
        Thread.sleep(50);
        seen = http.get("/api/v1/sites/TY003").json().getInteger("feeFen");
      }
      assertThat(seen).as("fee after the update was notified").isEqualTo(changed);
    } finally {
      app.app().services().pool().preparedQuery("UPDATE site SET fee_fen = $1 WHERE code = 'TY003'")
          .execute(Tuple.of(before)).await(5, TimeUnit.SECONDS);
    }
  }
}
