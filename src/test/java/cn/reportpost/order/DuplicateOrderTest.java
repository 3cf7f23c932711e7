package cn.reportpost.order;

import cn.reportpost.testing.Orders;
import cn.reportpost.testing.ReportPostExtension;
import cn.reportpost.testing.Residents;
import cn.reportpost.testing.TestHttp;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/** A second open order for the same patient and sample date is a warning the resident may confirm. */
@ExtendWith(ReportPostExtension.class)
class DuplicateOrderTest {

  @Test
  void aSecondOpenOrderForThePatientAndDateIsRefusedNamingTheFirst(TestHttp http) {
    String cookie = Residents.signIn(http, "oDup" + System.nanoTime());
    TestHttp.Response first = http.postJson("/api/v1/orders", Orders.unconfirmed(), "Cookie", cookie);
    assertThat(first.status()).as(first.body()).isEqualTo(201);
    String firstNo = first.json().getString("orderNo");

    TestHttp.Response second = http.postJson("/api/v1/orders", Orders.unconfirmed(), "Cookie", cookie);
    assertThat(second.status()).isEqualTo(409);
    assertThat(second.header("Content-Type")).startsWith("application/problem+json");
    JsonObject problem = second.json();
    assertThat(problem.getString("type")).isEqualTo("duplicate-order");
    assertThat(problem.getJsonObject("existingOrder").getString("orderNo")).isEqualTo(firstNo);
    assertThat(problem.getJsonObject("existingOrder").getString("patientName")).isEqualTo("张三");
    assertThat(problem.getString("detail")).contains(firstNo);
    assertThat(http.get("/api/v1/orders", "Cookie", cookie).jsonArray()).hasSize(1);

    TestHttp.Response confirmed = http.postJson("/api/v1/orders", Orders.unconfirmed().put("confirmDuplicate", true),
        "Cookie", cookie);
    assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(201);
    assertThat(http.get("/api/v1/orders", "Cookie", cookie).jsonArray()).hasSize(2);
  }

  @Test
  void anotherPatientAnotherDateOrACancelledOrderIsNoDuplicate(TestHttp http) {
    String cookie = Residents.signIn(http, "oDup" + System.nanoTime());
    String firstNo = http.postJson("/api/v1/orders", Orders.unconfirmed(), "Cookie", cookie).json().getString("orderNo");

    JsonObject otherPatient = Orders.unconfirmed();
    otherPatient.getJsonObject("patient").put("idNumber", Orders.idNumber("140105", "19851111", "456"));
    assertThat(http.postJson("/api/v1/orders", otherPatient, "Cookie", cookie).status()).isEqualTo(201);

    JsonObject otherDate = Orders.unconfirmed();
    otherDate.put("sampledOn", java.time.LocalDate.parse(otherDate.getString("sampledOn")).minusDays(1).toString());
    assertThat(http.postJson("/api/v1/orders", otherDate, "Cookie", cookie).status()).isEqualTo(201);

    assertThat(http.post("/api/v1/orders/" + firstNo + "/cancel", "application/json", "{}", "Cookie", cookie).status())
        .isEqualTo(200);
    TestHttp.Response again = http.postJson("/api/v1/orders", Orders.unconfirmed(), "Cookie", cookie);
    assertThat(again.status()).as("the first was cancelled: " + again.body()).isEqualTo(201);
  }

  @Test
  void anotherResidentsOrderForTheSamePatientIsNotTheirDuplicate(TestHttp http) {
    String one = Residents.signIn(http, "oDup" + System.nanoTime());
    String two = Residents.signIn(http, "oDup" + System.nanoTime());
    assertThat(http.postJson("/api/v1/orders", Orders.unconfirmed(), "Cookie", one).status()).isEqualTo(201);
    assertThat(http.postJson("/api/v1/orders", Orders.unconfirmed(), "Cookie", two).status()).isEqualTo(201);
  }

  @Test
  void aConfirmationThatIsNotABooleanIsAFieldError(TestHttp http) {
    String cookie = Residents.signIn(http, "oDup" + System.nanoTime());
    TestHttp.Response r = http.postJson("/api/v1/orders", Orders.unconfirmed().put("confirmDuplicate", "yes"),
        "Cookie", cookie);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("confirmDuplicate");
  }

  @Test
  void theOrderListShowsPatientAndRecipientCity(TestHttp http) {
    String cookie = Residents.signIn(http, "oDup" + System.nanoTime());
    http.postJson("/api/v1/orders", Orders.body(), "Cookie", cookie);
    JsonObject listed = http.get("/api/v1/orders", "Cookie", cookie).jsonArray().getJsonObject(0);
    assertThat(listed.getString("patientName")).isEqualTo("张三");
    assertThat(listed.getString("recipientCity")).isEqualTo("太原市");
  }
}
