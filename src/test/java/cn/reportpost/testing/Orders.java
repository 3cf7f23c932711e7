package cn.reportpost.testing;

import io.vertx.core.json.JsonObject;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

/** Order bodies for tests: valid unless a test breaks one field. */
public final class Orders {

  private Orders() {}

  /** A valid mainland ID number for a birth date, with its ISO 7064 MOD 11-2 check character. */
  public static String idNumber(String region, String birth, String sequence) {
    String body = region + birth + sequence;
    int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += (body.charAt(i) - '0') * weights[i];
    }
    return body + "10X98765432".charAt(sum % 11);
  }

  /** A city and district of each province tests send to, so the address is one the server accepts. */
  private static final Map<String, String[]> PLACES = Map.of(
      "山西省", new String[] {"太原市", "小店区"},
      "广东省", new String[] {"广州市", "天河区"},
      "北京市", new String[] {"北京市", "东城区"},
      "河北省", new String[] {"石家庄市", "长安区"});

  /**
   * The same patient, sample date and address each time, confirmed as meant should the resident
   * already have an open order for them ({@code confirmDuplicate}), so a test may order it many
   * times; {@link #unconfirmed} for a test of the duplicate warning.
   */
  public static JsonObject body(String siteCode, String province) {
    String[] place = PLACES.getOrDefault(province, new String[] {"太原市", "小店区"});
    return unconfirmed(siteCode, province, place).put("confirmDuplicate", true);
  }

  public static JsonObject unconfirmed() {
    return unconfirmed("TY001", "山西省", PLACES.get("山西省"));
  }

  private static JsonObject unconfirmed(String siteCode, String province, String[] place) {
    return new JsonObject()
        .put("siteCode", siteCode)
        .put("patient", new JsonObject().put("name", "张三").put("idType", "ID_CARD")
            .put("idNumber", idNumber("140105", "19900307", "123")).put("phone", "13812345678"))
        .put("sampledOn", LocalDate.now(ZoneId.of("Asia/Shanghai")).minusDays(1).toString())
        .put("recipient", new JsonObject().put("name", "李四").put("phone", "13912345678").put("province", province)
            .put("city", place[0]).put("district", place[1]).put("address", "长风街100号2单元301"))
        .put("copies", 1)
        .put("remark", "");
  }

  public static JsonObject body() {
    return body("TY001", "山西省");
  }

  /** Waits up to 10 s for the order to reach {@code status}, as its resident sees it; fails otherwise. */
  public static void awaitStatus(TestHttp http, String orderNo, String status, String... headers) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 10_000;
    String seen = "";
    while (!status.equals(seen) && System.currentTimeMillis() < deadline) {
      Thread.sleep(50);
      seen = http.get("/api/v1/orders/" + orderNo, headers).json().getString("status");
    }
    org.assertj.core.api.Assertions.assertThat(seen).as("status of order " + orderNo).isEqualTo(status);
  }
}
