package cn.reportpost.board;

import cn.reportpost.testing.PaidOrders;
import cn.reportpost.testing.ReportPostExtension;
import cn.reportpost.testing.TestApp;
import cn.reportpost.testing.TestHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/** /metrics carries the business figures: transitions, payment notifies, sends, outbox lag, board subscribers. */
@ExtendWith(ReportPostExtension.class)
class BusinessMetricsTest {

  private final TestApp app;
  private final TestHttp http;

  BusinessMetricsTest(TestApp app) {
    this.app = app;
    this.http = app.http();
  }

  @Test
  void aPaidOrderShowsAsATransitionANotifyAndASend() throws Exception {
    PaidOrders.place(app, "TY001");
    assertThat(http.post("/wx/pay/notify", "application/json", "{\"forged\":true}").status()).isEqualTo(401);
    long deadline = System.currentTimeMillis() + 20_000;
    String metrics = http.get("/metrics").body();
    while (!metrics.contains("reportpost_notification_sends_total") && System.currentTimeMillis() < deadline) {
      Thread.sleep(500);
      metrics = http.get("/metrics").body();
    }
    assertThat(metrics).contains(
        "reportpost_order_transitions_total{from=\"PENDING_PAYMENT\",to=\"PAID\"}",
        "reportpost_payment_notifies_total{kind=\"payment\",outcome=\"ok\"}",
        "reportpost_payment_notifies_total{kind=\"payment\",outcome=\"rejected\"}",
        "reportpost_notification_sends_total{kind=",
        "reportpost_outbox_lag_seconds",
        "reportpost_board_subscribers");
  }
}
