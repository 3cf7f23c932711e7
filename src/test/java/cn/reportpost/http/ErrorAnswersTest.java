package cn.reportpost.http;

import cn.reportpost.testing.Orders;
import cn.reportpost.testing.ReportPostExtension;
import cn.reportpost.testing.Residents;
import cn.reportpost.testing.TestApp;
import cn.reportpost.testing.TestHttp;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(ReportPostExtension.class)
class ErrorAnswersTest {

  @Test
  void everyResponseCarriesARequestIdAndASaneOneIsEchoed(TestHttp http) {
    assertThat(http.get("/api/v1/cities").header("X-Request-Id")).isNotBlank();
    assertThat(http.get("/api/v1/cities", "X-Request-Id", "trace-12345678").header("X-Request-Id"))
        .isEqualTo("trace-12345678");
    assertThat(http.get("/api/v1/cities", "X-Request-Id", "bad id\u00e9").header("X-Request-Id"))
        .isNotEqualTo("bad id\u00e9");
  }

  @Test
  void anUnknownPathIsA404Problem(TestHttp http) {
    TestHttp.Response r = http.get("/api/v1/nothing-here");
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.header("Content-Type")).isEqualTo("application/problem+json");
    JsonObject body = r.json();
    assertThat(body.getInteger("status")).isEqualTo(404);
    assertThat(body.getString("title")).isEqualTo("Not found");
    assertThat(body.getString("requestId")).isEqualTo(r.header("X-Request-Id"));
  }

  @Test
  void aWrongMethodIsA405Problem(TestHttp http) {
    TestHttp.Response r = http.send("DELETE", "/api/v1/cities", null, null);
    assertThat(r.status()).isEqualTo(405);
    assertThat(r.header("Content-Type")).isEqualTo("application/problem+json");
    assertThat(r.json().getString("detail")).contains("DELETE");
  }

  @ParameterizedTest
  @ValueSource(strings = {"http500", "timeout"})
  void weChatFailingOnPrepayIsA502WithRetryAfterAndTheOrderStaysPayable(String mode, TestApp app) {
    TestHttp http = app.http();
    String cookie = Residents.signIn(http, "oPrepay" + mode + System.nanoTime());
    String orderNo = http.postJson("/api/v1/orders", Orders.body(), "Cookie", cookie).json().getString("orderNo");
    app.sandbox().fault("/v3/pay/transactions/jsapi", mode, 1);

    TestHttp.Response r = http.post("/api/v1/orders/" + orderNo + "/pay", "application/json", "{}", "Cookie", cookie);
    assertThat(r.status()).as(r.body()).isEqualTo(502);
    assertThat(r.header("Content-Type")).isEqualTo(Problems.CONTENT_TYPE);
    assertThat(Integer.parseInt(r.header("Retry-After"))).isPositive();
    assertThat(r.json().getString("detail")).contains("WeChat");

    TestHttp.Response again = http.post("/api/v1/orders/" + orderNo + "/pay", "application/json", "{}", "Cookie", cookie);
    assertThat(again.status()).as(again.body()).isEqualTo(200);
  }
}
