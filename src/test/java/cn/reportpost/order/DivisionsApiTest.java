package cn.reportpost.order;

import cn.reportpost.testing.Orders;
import cn.reportpost.testing.ReportPostExtension;
import cn.reportpost.testing.Residents;
import cn.reportpost.testing.TestHttp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/** The division data the address picker cascades through, and the server holding orders to it. */
@ExtendWith(ReportPostExtension.class)
class DivisionsApiTest {

  @Test
  void theProvincesThenACitysDistrictsAreServedWithTheirCodes(TestHttp http) {
    TestHttp.Response provinces = http.get("/api/v1/divisions");
    assertThat(provinces.status()).isEqualTo(200);
    assertThat(provinces.header("Cache-Control")).contains("max-age");
    JsonArray all = provinces.jsonArray();
    assertThat(all).hasSize(31);
    assertThat(all.getJsonObject(3).getString("code")).isEqualTo("14");
    assertThat(all.getJsonObject(3).getString("name")).isEqualTo("山西省");

    JsonObject shanxi = http.get("/api/v1/divisions/14").json();
    assertThat(shanxi.getJsonArray("children").stream().map(c -> ((JsonObject) c).getString("name")))
        .contains("太原市", "大同市").doesNotContain("杭州市");
    JsonObject taiyuan = http.get("/api/v1/divisions/1401").json();
    assertThat(taiyuan.getString("name")).isEqualTo("太原市");
    assertThat(taiyuan.getJsonArray("children").stream().map(c -> ((JsonObject) c).getString("code")))
        .contains("140105");
  }

  @Test
  void aMunicipalitysCityGoesByItsNameAndChongqingsTwoAreToldApart(TestHttp http) {
    JsonArray beijing = http.get("/api/v1/divisions/11").json().getJsonArray("children");
    assertThat(beijing.getJsonObject(0).getString("name")).isEqualTo("北京市");
    JsonArray chongqing = http.get("/api/v1/divisions/50").json().getJsonArray("children");
    assertThat(chongqing.stream().map(c -> ((JsonObject) c).getString("label"))).containsExactly(
        "重庆市（市辖区）", "重庆市（县）");
  }

  @Test
  void anUnknownCodeIsNotFound(TestHttp http) {
    assertThat(http.get("/api/v1/divisions/99").status()).isEqualTo(404);
    assertThat(http.get("/api/v1/divisions/140105").status()).as("a district has no children").isEqualTo(404);
  }

  @Test
  void codesAreStoredWithTheNamesTheyStandFor(TestHttp http) {
    String cookie = Residents.signIn(http, "oDiv" + System.nanoTime());
    JsonObject body = Orders.body();
    body.put("recipient", body.getJsonObject("recipient").copy().put("province", "随便").put("city", "写的")
        .put("district", "名字").put("provinceCode", "14").put("cityCode", "1401").put("districtCode", "140106"));
    TestHttp.Response created = http.postJson("/api/v1/orders", body, "Cookie", cookie);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    JsonObject recipient = http.get("/api/v1/orders/" + created.json().getString("orderNo"), "Cookie", cookie).json()
        .getJsonObject("recipient");
    assertThat(recipient.getString("province")).isEqualTo("山西省");
    assertThat(recipient.getString("city")).isEqualTo("太原市");
    assertThat(recipient.getString("district")).isEqualTo("迎泽区");
    assertThat(recipient.getString("cityCode")).isEqualTo("1401");
    assertThat(recipient.getString("districtCode")).isEqualTo("140106");
  }

  @Test
  void aCityOutsideTheChosenProvinceIsRefusedNamingTheField(TestHttp http) {
    String cookie = Residents.signIn(http, "oDiv" + System.nanoTime());
    JsonObject byCode = Orders.body();
    byCode.getJsonObject("recipient").put("provinceCode", "14").put("cityCode", "3301").put("districtCode", "330102");
    TestHttp.Response refused = http.postJson("/api/v1/orders", byCode, "Cookie", cookie);
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("recipient.cityCode");

    JsonObject wrongDistrict = Orders.body();
    wrongDistrict.getJsonObject("recipient").put("provinceCode", "14").put("cityCode", "1401").put("districtCode", "140202");
    assertThat(http.postJson("/api/v1/orders", wrongDistrict, "Cookie", cookie).json().getJsonArray("errors")
        .getJsonObject(0).getString("field")).isEqualTo("recipient.districtCode");

    // An older client sending names only: 山西省 + 杭州市 is refused the same way.
    JsonObject byName = Orders.body();
    byName.getJsonObject("recipient").put("city", "杭州市").put("district", "上城区");
    TestHttp.Response named = http.postJson("/api/v1/orders", byName, "Cookie", cookie);
    assertThat(named.status()).isEqualTo(400);
    assertThat(named.json().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("recipient.city");
    assertThat(http.get("/api/v1/orders", "Cookie", cookie).jsonArray()).isEmpty();
  }

  @Test
  void namesOnlyAreStillAcceptedAndGetTheirCodes(TestHttp http) {
    String cookie = Residents.signIn(http, "oDiv" + System.nanoTime());
    JsonObject body = Orders.body();
    body.getJsonObject("recipient").put("city", "太原").put("district", "小店区");
    TestHttp.Response created = http.postJson("/api/v1/orders", body, "Cookie", cookie);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    JsonObject recipient = http.get("/api/v1/orders/" + created.json().getString("orderNo"), "Cookie", cookie).json()
        .getJsonObject("recipient");
    assertThat(recipient.getString("city")).isEqualTo("太原市");
    assertThat(recipient.getString("districtCode")).isEqualTo("140105");
  }
}
