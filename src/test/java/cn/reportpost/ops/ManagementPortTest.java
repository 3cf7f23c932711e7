package cn.reportpost.ops;

import cn.reportpost.config.AppConfig;
import cn.reportpost.config.Mode;
import cn.reportpost.testing.ReportPostExtension;
import cn.reportpost.testing.SecondInstance;
import cn.reportpost.testing.TestApp;
import cn.reportpost.testing.TestHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** /metrics on the public port by default, or only on a management port of its own when one is set. */
@ExtendWith(ReportPostExtension.class)
class ManagementPortTest {

  private static int managementPort;
  /** An instance with MANAGEMENT_PORT set, started outside the tests' blocked-thread watch. */
  private static SecondInstance withManagementPort;

  @BeforeAll
  static void startAnInstanceWithAManagementPort(TestApp app) throws Exception {
    managementPort = TestApp.freePort();
    withManagementPort = SecondInstance.start(app, Map.of("MANAGEMENT_PORT", Integer.toString(managementPort)));
  }

  @AfterAll
  static void stopIt() {
    if (withManagementPort != null) {
      withManagementPort.close();
    }
  }

  @Test
  void withoutAManagementPortMetricsAreOnThePublicPort(TestHttp http) {
    // A request finished before the scrape, so the HTTP server's figures exist even when this test runs first.
    assertThat(http.get("/health").status()).isEqualTo(200);
    TestHttp.Response metrics = http.get("/metrics");
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.body()).contains("vertx_http_server_requests_total");
  }

  @Test
  void withAManagementPortMetricsAreServedThereAndNotOnThePublicPort() {
    TestHttp.Response publicMetrics = withManagementPort.http().get("/metrics");
    assertThat(publicMetrics.status()).isEqualTo(404);
    assertThat(publicMetrics.header("Content-Type")).isEqualTo("application/problem+json");

    String management = "http://127.0.0.1:" + managementPort;
    TestHttp.Response metrics = TestHttp.absolute(management + "/metrics");
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.body()).contains("vertx_http_server_requests_total").contains("vertx_pool_");
    assertThat(TestHttp.absolute(management + "/health").json().getString("status")).isEqualTo("UP");
    assertThat(TestHttp.absolute(management + "/api/v1/cities").status()).as("nothing else there").isEqualTo(404);
    assertThat(withManagementPort.http().get("/health").status()).as("health stays public").isEqualTo(200);
  }

  @Test
  void anEmptyManagementPortMeansNone(TestApp app) throws Exception {
    AppConfig config = AppConfig.load(app.app().services().vertx(), Mode.TEST, Map.of("MANAGEMENT_PORT", ""))
        .await(10, TimeUnit.SECONDS);
    assertThat(ManagementServer.metricsOnPublicPort(config)).isTrue();
  }
}
