package cn.reportpost.order;

import cn.reportpost.testing.Orders;
import cn.reportpost.testing.ReportPostExtension;
import cn.reportpost.testing.Residents;
import cn.reportpost.testing.TestApp;
import cn.reportpost.testing.TestHttp;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(ReportPostExtension.class)
class OrderCreationTest {

  private static String newResident(TestHttp http) {
    return Residents.signIn(http, "oCreate" + System.nanoTime());
  }

  @Test
  void createsAPendingOrderPricedFromTheSitesFee(TestHttp http) {
    String cookie = newResident(http);
    TestHttp.Response r = http.postJson("/api/v1/orders", Orders.body("TY002", "山西省"), "Cookie", cookie);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    JsonObject order = r.json();
    assertThat(order.getString("status")).isEqualTo("PENDING_PAYMENT");
    int fee = http.get("/api/v1/sites/TY002").json().getInteger("feeFen");
    assertThat(order.getInteger("amountFen")).isEqualTo(fee);
    assertThat(r.header("Location")).isEqualTo("/api/v1/orders/" + order.getString("orderNo"));

    JsonObject detail = http.get("/api/v1/orders/" + order.getString("orderNo"), "Cookie", cookie).json();
    assertThat(detail.getJsonObject("patient").getString("idNumber")).isEqualTo(Orders.idNumber("140105", "19900307", "123"));
    assertThat(detail.getJsonArray("timeline")).hasSize(1);
    assertThat(detail.getJsonArray("timeline").getJsonObject(0).getString("to")).isEqualTo("PENDING_PAYMENT");
  }

  @Test
  void aRecipientOutsideShanxiPaysTheOutOfProvinceFee(TestHttp http) {
    String cookie = newResident(http);
    JsonObject order = http.postJson("/api/v1/orders", Orders.body("TY002", "广东省"), "Cookie", cookie).json();
    assertThat(order.getInteger("amountFen")).isEqualTo(http.get("/api/v1/sites/TY002").json().getInteger("outOfProvinceFeeFen"));
  }

  @Test
  void personalNumbersAreEncryptedAtRest(TestApp app, TestHttp http) throws Exception {
    String cookie = newResident(http);
    String orderNo = http.postJson("/api/v1/orders", Orders.body(), "Cookie", cookie).json().getString("orderNo");
    var row = app.app().services().pool().preparedQuery(
            "SELECT patient_id_enc, patient_phone_enc, recipient_phone_enc, patient_id_hash FROM report_order WHERE order_no = $1")
        .execute(io.vertx.sqlclient.Tuple.of(orderNo)).await(5, TimeUnit.SECONDS).iterator().next();
    assertThat(row.getString("patient_id_enc")).doesNotContain("19900307").matches("v2\\$[A-Za-z0-9_-]+:.+");
    assertThat(row.getString("patient_phone_enc")).doesNotContain("13812345678");
    assertThat(row.getString("recipient_phone_enc")).doesNotContain("13912345678");
    assertThat(row.getString("patient_id_hash")).doesNotContain("19900307").isNotBlank();
  }

  @Test
  void lookupHashesAreStoredForNameAndPhoneTailsAndFollowAnAddressChange(TestApp app, TestHttp http) throws Exception {
    String cookie = newResident(http);
    JsonObject body = Orders.body();
    String orderNo = http.postJson("/api/v1/orders", body, "Cookie", cookie).json().getString("orderNo");
    var config = app.app().services().config();
    var personal = cn.reportpost.privacy.PersonalData.of(config.string("secrets.piiKeyId"),
        config.string("secrets.piiKey"), config.string("secrets.piiOldKeys"), config.string("secrets.hashKey"));
    String query = "SELECT patient_name_hash, patient_phone_tail_hash, recipient_phone_tail_hash FROM report_order WHERE order_no = $1";
    var row = app.app().services().pool().preparedQuery(query)
        .execute(io.vertx.sqlclient.Tuple.of(orderNo)).await(5, TimeUnit.SECONDS).iterator().next();
    String name = body.getJsonObject("patient").getString("name");
    assertThat(row.getString("patient_name_hash")).isEqualTo(personal.nameHash(" " + name + " "))
        .isNotEqualTo(personal.hash(name));
    assertThat(row.getString("patient_phone_tail_hash")).isEqualTo(personal.phoneTailHash("5678"));
    assertThat(row.getString("recipient_phone_tail_hash")).isEqualTo(personal.phoneTailHash("13912345678"));

    JsonObject recipient = body.getJsonObject("recipient").copy().put("phone", "13700001111");
    assertThat(http.send("PUT", "/api/v1/orders/" + orderNo + "/recipient", "application/json", recipient.encode(),
        "Cookie", cookie).status()).isEqualTo(200);
    row = app.app().services().pool().preparedQuery(query)
        .execute(io.vertx.sqlclient.Tuple.of(orderNo)).await(5, TimeUnit.SECONDS).iterator().next();
    assertThat(row.getString("recipient_phone_tail_hash")).isEqualTo(personal.phoneTailHash("1111"));
  }

  @Test
  void badFieldsAreAllNamedAndNothingIsCreated(TestHttp http) {
    String cookie = newResident(http);
    JsonObject body = Orders.body();
    body.getJsonObject("patient").put("idNumber", "140105199003071230").put("phone", "12345");
    body.getJsonObject("recipient").put("province", "火星").put("address", "");
    body.put("copies", 9).put("sampledOn", "2999-01-01");
    TestHttp.Response r = http.postJson("/api/v1/orders", body, "Cookie", cookie);
    assertThat(r.status()).isEqualTo(400);
    Set<String> fields = r.json().getJsonArray("errors").stream().map(e -> ((JsonObject) e).getString("field"))
        .collect(Collectors.toSet());
    assertThat(fields).contains("patient.idNumber", "patient.phone", "recipient.province", "recipient.address",
        "copies", "sampledOn");
    assertThat(http.get("/api/v1/orders", "Cookie", cookie).jsonArray()).isEmpty();
  }

  @Test
  void hostileBodiesGetFieldErrorsNotServerErrors(TestHttp http) {
    String cookie = newResident(http);
    List<String> bodies = List.of("{\"siteCode\": 12, \"patient\": \"x\", \"recipient\": [], \"copies\": \"2\"}",
        "{\"siteCode\":\"TY001\",\"patient\":{\"name\":\"a\\u0000b\"}}", "{}", "{\"copies\": 1e400}");
    for (String body : bodies) {
      TestHttp.Response r = http.post("/api/v1/orders", "application/json", body, "Cookie", cookie);
      assertThat(r.status()).as(body + " -> " + r.body()).isEqualTo(400);
      assertThat(r.json().getJsonArray("errors")).as(body).isNotEmpty();
    }
  }

  @Test
  void anUnknownOrClosedSiteIsAFieldError(TestHttp http) {
    String cookie = newResident(http);
    TestHttp.Response unknown = http.postJson("/api/v1/orders", Orders.body("NOPE9", "山西省"), "Cookie", cookie);
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.json().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("siteCode");
    // TY040 is the demo site that does not take orders.
    TestHttp.Response closed = http.postJson("/api/v1/orders", Orders.body("TY040", "山西省"), "Cookie", cookie);
    assertThat(closed.status()).isEqualTo(400);
    assertThat(closed.json().getString("detail")).contains("not taking orders");
  }

  @Test
  void withoutASessionOrderingIs401(TestHttp http) {
    assertThat(http.postJson("/api/v1/orders", Orders.body()).status()).isEqualTo(401);
    assertThat(http.get("/api/v1/me").status()).isEqualTo(401);
  }

  @Test
  void sameKeySameBodyGivesTheSameOrderAndAnotherBodyIs422(TestHttp http) {
    String cookie = newResident(http);
    String key = "key-" + System.nanoTime();
    TestHttp.Response first = http.postJson("/api/v1/orders", Orders.body(), "Cookie", cookie, "Idempotency-Key", key);
    TestHttp.Response again = http.postJson("/api/v1/orders", Orders.body(), "Cookie", cookie, "Idempotency-Key", key);
    assertThat(again.json().getString("orderNo")).isEqualTo(first.json().getString("orderNo"));
    TestHttp.Response other = http.postJson("/api/v1/orders", Orders.body().put("copies", 2), "Cookie", cookie,
        "Idempotency-Key", key);
    assertThat(other.status()).isEqualTo(422);
    assertThat(http.get("/api/v1/orders", "Cookie", cookie).jsonArray()).hasSize(1);
  }

  /** A client retrying after a lost answer gets its order back; only a new order counts against the limit. */
  @Test
  void repeatingARequestWithItsIdempotencyKeyTakesNothingFromTheRateLimit(TestHttp http) {
    String cookie = newResident(http);
    String key = "retry-" + System.nanoTime();
    String orderNo = http.postJson("/api/v1/orders", Orders.body(), "Cookie", cookie, "Idempotency-Key", key)
        .json().getString("orderNo");
    for (int i = 0; i < 15; i++) {
      TestHttp.Response again = http.postJson("/api/v1/orders", Orders.body(), "Cookie", cookie, "Idempotency-Key", key);
      assertThat(again.status()).as("repeat " + i + ": " + again.body()).isEqualTo(201);
      assertThat(again.json().getString("orderNo")).isEqualTo(orderNo);
    }
    TestHttp.Response another = http.postJson("/api/v1/orders", Orders.body(), "Cookie", cookie);
    assertThat(another.status()).as("a second order, 2 of the 10 a minute allowed: " + another.body()).isEqualTo(201);
  }

  @Test
  void fiftyConcurrentCreationsWithOneKeyMakeOneOrder(TestHttp http) throws Exception {
    String cookie = newResident(http);
    String key = "burst-" + System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(50);
    try {
      List<Callable<TestHttp.Response>> calls = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        calls.add(() -> http.postJson("/api/v1/orders", Orders.body(), "Cookie", cookie, "Idempotency-Key", key));
      }
      Set<String> orderNos = new java.util.HashSet<>();
      for (Future<TestHttp.Response> f : pool.invokeAll(calls)) {
        TestHttp.Response r = f.get();
        // A burst also meets the per-resident rate limit; what matters is that no second order appears.
        assertThat(r.status()).as(r.body()).isIn(201, 429);
        if (r.status() == 201) {
          orderNos.add(r.json().getString("orderNo"));
        }
      }
      assertThat(orderNos).hasSize(1);
    } finally {
      pool.shutdownNow();
    }
    assertThat(http.get("/api/v1/orders", "Cookie", cookie).jsonArray()).hasSize(1);
  }

  @Test
  void orderingTooFastIs429WithRetryAfter(TestHttp http) {
    String cookie = newResident(http);
    TestHttp.Response last = null;
    for (int i = 0; i < 11; i++) {
      last = http.postJson("/api/v1/orders", Orders.body(), "Cookie", cookie);
    }
    assertThat(last.status()).isEqualTo(429);
    assertThat(Long.parseLong(last.header("Retry-After"))).isPositive();
  }

  @Test
  void anotherResidentsOrderIsNotFound(TestHttp http) {
    String owner = newResident(http);
    String stranger = newResident(http);
    String orderNo = http.postJson("/api/v1/orders", Orders.body(), "Cookie", owner).json().getString("orderNo");
    assertThat(http.get("/api/v1/orders/" + orderNo, "Cookie", stranger).status()).isEqualTo(404);
    assertThat(http.post("/api/v1/orders/" + orderNo + "/cancel", "application/json", "{}", "Cookie", stranger).status()).isEqualTo(404);
    assertThat(http.post("/api/v1/orders/" + orderNo + "/pay", "application/json", "{}", "Cookie", stranger).status()).isEqualTo(404);
    assertThat(http.get("/api/v1/orders/" + orderNo, "Cookie", owner).json().getString("status")).isEqualTo("PENDING_PAYMENT");
  }

  @Test
  void theRecipientCanChangeBeforePostingButNotAcrossTheProvinceFeeLine(TestHttp http) {
    String cookie = newResident(http);
    String orderNo = http.postJson("/api/v1/orders", Orders.body(), "Cookie", cookie).json().getString("orderNo");
    JsonObject recipient = Orders.body().getJsonObject("recipient").put("address", "新建路8号").put("district", "迎泽区");
    TestHttp.Response changed = http.send("PUT", "/api/v1/orders/" + orderNo + "/recipient", "application/json",
        recipient.encode(), "Cookie", cookie);
    assertThat(changed.status()).as(changed.body()).isEqualTo(200);
    assertThat(changed.json().getJsonObject("recipient").getString("address")).isEqualTo("新建路8号");
    JsonObject away = recipient.copy().put("province", "广东省").put("city", "广州市").put("district", "天河区");
    TestHttp.Response refused = http.send("PUT", "/api/v1/orders/" + orderNo + "/recipient", "application/json",
        away.encode(), "Cookie", cookie);
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("province");
  }
}
