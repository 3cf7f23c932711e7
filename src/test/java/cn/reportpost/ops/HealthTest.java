package cn.reportpost.ops;

import cn.reportpost.testing.ReportPostExtension;
import cn.reportpost.testing.TestApp;
import cn.reportpost.testing.TestHttp;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(ReportPostExtension.class)
class HealthTest {

  @Test
  void isUpWithBothStoresAndDownWhileRedisIsStoppedThenUpAgain(TestApp app, TestHttp http) throws Exception {
    TestHttp.Response up = http.get("/health");
    assertThat(up.status()).isEqualTo(200);
    assertThat(up.json().getString("status")).isEqualTo("UP");
    assertThat(up.json().getJsonObject("postgres").getString("status")).isEqualTo("UP");

    app.embedded().stopRedis();
    try {
      TestHttp.Response down = http.get("/health");
      assertThat(down.status()).isEqualTo(503);
      JsonObject body = down.json();
      assertThat(body.getString("status")).isEqualTo("DOWN");
      assertThat(body.getJsonObject("redis").getString("status")).isEqualTo("DOWN");
      assertThat(body.getJsonObject("postgres").getString("status")).isEqualTo("UP");
    } finally {
      app.embedded().startRedis();
    }

    long deadline = System.currentTimeMillis() + 15_000;
    int status = 0;
    while (status != 200 && System.currentTimeMillis() < deadline) {
      Thread.sleep(200);
      status = http.get("/health").status();
    }
    assertThat(status).as("health once Redis is back").isEqualTo(200);
  }

  @Test
  void servesPrometheusMetricsWithHttpAndPoolFigures(TestHttp http) {
    http.get("/api/v1/cities");
    TestHttp.Response r = http.get("/metrics");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).contains("vertx_http_server_requests_total").contains("vertx_pool_");
  }
}
