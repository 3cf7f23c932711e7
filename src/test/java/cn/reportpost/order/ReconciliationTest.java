package cn.reportpost.order;

import cn.reportpost.testing.Orders;
import cn.reportpost.testing.ReportPostExtension;
import cn.reportpost.testing.Residents;
import cn.reportpost.testing.Sandbox;
import cn.reportpost.testing.TestApp;
import cn.reportpost.testing.TestHttp;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Reconciliation reaches a lost notify at once, whatever waits ahead of it, and asks WeChat only about what it knows. */
@ExtendWith(ReportPostExtension.class)
class ReconciliationTest {

  private static final int WAITING = 500;

  private final TestApp app;
  private final TestHttp http;
  private final Sandbox sandbox;

  ReconciliationTest(TestApp app, TestHttp http, Sandbox sandbox) {
    this.app = app;
    this.http = http;
    this.sandbox = sandbox;
  }

  private String placeAndPrepay(String cookie) {
    String orderNo = http.postJson("/api/v1/orders", Orders.body(), "Cookie", cookie).json().getString("orderNo");
    assertThat(http.post("/api/v1/orders/" + orderNo + "/pay", "application/json", "{}", "Cookie", cookie).status())
        .isEqualTo(200);
    return orderNo;
  }

  /** {@code count} unpaid copies of {@code template}, placed five minutes ago, WeChat's prepay made or not. */
  private void copies(String template, String prefix, int count, boolean prepaid) throws Exception {
    app.app().services().pool().preparedQuery("""
            INSERT INTO report_order
            SELECT (json_populate_record(o, json_build_object(
              'order_no', $2 || lpad(g::text, 6, '0'), 'idempotency_key', NULL, 'transaction_id', NULL,
              'prepay_id', CASE WHEN $4 THEN 'wx' || $2 || g ELSE NULL END,
              'created_at', now() - interval '5 minutes', 'updated_at', now() - interval '5 minutes'))).*
            FROM report_order o, generate_series(1, $3) g WHERE o.order_no = $1""")
        .execute(Tuple.of(template, prefix, count, prepaid)).await(30, TimeUnit.SECONDS);
  }

  private void delete(String prefix) throws Exception {
    for (String table : new String[] {"order_event", "notification_outbox", "report_order"}) {
      app.app().services().pool().preparedQuery("DELETE FROM " + table + " WHERE order_no LIKE $1")
          .execute(Tuple.of(prefix + "%")).await(30, TimeUnit.SECONDS);
    }
  }

  private String status(String orderNo) throws Exception {
    return app.app().services().pool().preparedQuery("SELECT status FROM report_order WHERE order_no = $1")
        .execute(Tuple.of(orderNo)).await(5, TimeUnit.SECONDS).iterator().next().getString(0);
  }

  private int queriesAtWeChat(String prefix) {
    return (int) sandbox.http().get("/sandbox/pay/queries").jsonArray().stream()
        .filter(q -> String.valueOf(q).startsWith(prefix)).count();
  }

  @Test
  void aLostNotifyIsPaidWithinAFewPassesBehindFiveHundredOlderUnpaidOrders() throws Exception {
    String cookie = Residents.signIn(http, "oRecon" + System.nanoTime());
    String template = placeAndPrepay(cookie);
    String prefix = "RQ" + (System.nanoTime() % 100000);
    copies(template, prefix, WAITING, true);
    try {
      String lost = placeAndPrepay(cookie);
      sandbox.pay(lost, "?notify=false");
      // The instance's own job runs every 2 s here (10 s in dev, with orders waiting 30 s for their notify).
      long start = System.currentTimeMillis();
      while (!"PAID".equals(status(lost)) && System.currentTimeMillis() - start < 30_000) {
        Thread.sleep(200);
      }
      long took = System.currentTimeMillis() - start;
      assertThat(status(lost)).as("paid after %d ms", took).isEqualTo("PAID");
      assertThat(took).as("within a few passes").isLessThan(20_000);
    } finally {
      delete(prefix);
    }
  }

  @Test
  void ordersNeverSentToWeChatAreNotAskedAboutAndCloseWhenTheirTimeIsUp() throws Exception {
    String cookie = Residents.signIn(http, "oRecon2" + System.nanoTime());
    String template = placeAndPrepay(cookie);
    String prefix = "RN" + (System.nanoTime() % 100000);
    copies(template, prefix, 20, false);
    try {
      for (int i = 0; i < 3; i++) {
        app.app().modules().paymentJobs().runOnce().await(30, TimeUnit.SECONDS);
      }
      assertThat(queriesAtWeChat(prefix)).isZero();
      assertThat(status(prefix + "000001")).isEqualTo("PENDING_PAYMENT");
      app.app().services().pool().preparedQuery("UPDATE report_order SET created_at = now() - interval '31 minutes',"
          + " next_check_at = NULL WHERE order_no LIKE $1").execute(Tuple.of(prefix + "%")).await(5, TimeUnit.SECONDS);
      app.app().modules().paymentJobs().runOnce().await(30, TimeUnit.SECONDS);
      assertThat(status(prefix + "000001")).isEqualTo("CLOSED");
      assertThat(queriesAtWeChat(prefix)).as("closed without asking WeChat").isZero();
    } finally {
      delete(prefix);
    }
  }

  @Test
  void aCancelledOrderWhoseCloseFailedIsClosedLaterAndAPaymentFoundThereIsRefunded() throws Exception {
    String cookie = Residents.signIn(http, "oRecon3" + System.nanoTime());
    String orderNo = placeAndPrepay(cookie);
    // WeChat fails the close and the query that follows it, so the cancel cannot confirm the payment closed.
    sandbox.fault("/v3/pay/transactions/out-trade-no", "http500", 2);
    TestHttp.Response cancel = http.post("/api/v1/orders/" + orderNo + "/cancel", "application/json", "{}", "Cookie", cookie);
    assertThat(cancel.json().getString("status")).isEqualTo("CANCELLED");
    // Meanwhile the resident's payment went through at WeChat, and its notify was lost.
    sandbox.pay(orderNo, "?notify=false");
    app.app().services().pool().preparedQuery("UPDATE report_order SET updated_at = now() - interval '10 minutes',"
        + " next_check_at = NULL WHERE order_no = $1").execute(Tuple.of(orderNo)).await(5, TimeUnit.SECONDS);
    long deadline = System.currentTimeMillis() + 20_000;
    while (!"REFUNDED".equals(status(orderNo)) && System.currentTimeMillis() < deadline) {
      app.app().modules().paymentJobs().runOnce().await(30, TimeUnit.SECONDS);
      Thread.sleep(300);
    }
    assertThat(status(orderNo)).isEqualTo("REFUNDED");
    assertThat(sandbox.http().get("/sandbox/refunds?outTradeNo=" + orderNo).json().getJsonArray("refunds")).hasSize(1);
  }
}
