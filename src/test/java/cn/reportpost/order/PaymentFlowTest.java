package cn.reportpost.order;

import cn.reportpost.testing.Orders;
import cn.reportpost.testing.ReportPostExtension;
import cn.reportpost.testing.Residents;
import cn.reportpost.testing.Sandbox;
import cn.reportpost.testing.TestApp;
import cn.reportpost.testing.TestHttp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** OAuth → order → pay → notify → PAID, and every way money can go wrong, through the sandbox. */
@ExtendWith(ReportPostExtension.class)
class PaymentFlowTest {

  private final TestApp app;
  private final TestHttp http;
  private final Sandbox sandbox;

  PaymentFlowTest(TestApp app, TestHttp http, Sandbox sandbox) {
    this.app = app;
    this.http = http;
    this.sandbox = sandbox;
  }

  private record Placed(String cookie, String orderNo) {}

  private Placed placeAndPrepay() {
    String cookie = Residents.signIn(http, "oPay" + System.nanoTime());
    String orderNo = http.postJson("/api/v1/orders", Orders.body(), "Cookie", cookie).json().getString("orderNo");
    TestHttp.Response pay = http.post("/api/v1/orders/" + orderNo + "/pay", "application/json", "{}", "Cookie", cookie);
    assertThat(pay.status()).as(pay.body()).isEqualTo(200);
    return new Placed(cookie, orderNo);
  }

  private String status(Placed p) {
    return http.get("/api/v1/orders/" + p.orderNo(), "Cookie", p.cookie()).json().getString("status");
  }

  private String awaitStatus(Placed p, String expected, long millis) throws InterruptedException {
    long deadline = System.currentTimeMillis() + millis;
    String seen = status(p);
    while (!seen.equals(expected) && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
      seen = status(p);
    }
    return seen;
  }

  private long events(Placed p, String to) {
    JsonArray timeline = http.get("/api/v1/orders/" + p.orderNo(), "Cookie", p.cookie()).json().getJsonArray("timeline");
    return timeline.stream().filter(e -> to.equals(((JsonObject) e).getString("to"))).count();
  }

  private void runJobs() throws Exception {
    app.app().modules().paymentJobs().runOnce().await(20, TimeUnit.SECONDS);
  }

  @Test
  void theJsapiParametersCarryPackageAndAReusedPrepay() {
    Placed p = placeAndPrepay();
    JsonObject params = http.post("/api/v1/orders/" + p.orderNo() + "/pay", "application/json", "{}", "Cookie", p.cookie()).json();
    assertThat(params.fieldNames()).contains("appId", "timeStamp", "nonceStr", "package", "signType", "paySign");
    assertThat(params.getString("package")).startsWith("prepay_id=");
    assertThat(params.getString("signType")).isEqualTo("RSA");
    JsonObject again = http.post("/api/v1/orders/" + p.orderNo() + "/pay", "application/json", "{}", "Cookie", p.cookie()).json();
    assertThat(again.getString("package")).isEqualTo(params.getString("package"));
  }

  @Test
  void aPaymentNotifiedThreeTimesMakesOnePaidEvent() throws Exception {
    Placed p = placeAndPrepay();
    sandbox.pay(p.orderNo(), "?times=3");
    assertThat(awaitStatus(p, "PAID", 10_000)).isEqualTo("PAID");
    Thread.sleep(500);
    assertThat(events(p, "PAID")).isEqualTo(1);
  }

  @Test
  void anOrderUnpaidForThirtyMinutesIsClosedHereAndAtWeChat() throws Exception {
    Placed p = placeAndPrepay();
    age(p, 31);
    runJobs();
    assertThat(status(p)).isEqualTo("CLOSED");
    assertThat(sandbox.http().get("/sandbox/pay/" + p.orderNo()).json().getString("state")).isEqualTo("CLOSED");
  }

  @Test
  void anOrderPaidJustBeforeItsTimeRanOutIsPaidNotClosed() throws Exception {
    Placed p = placeAndPrepay();
    sandbox.pay(p.orderNo(), "?notify=false");
    age(p, 31);
    runJobs();
    assertThat(status(p)).isEqualTo("PAID");
  }

  /** Moves the order's clock back, as if it had been placed {@code minutes} ago. */
  private void age(Placed p, int minutes) throws Exception {
    app.app().services().pool().preparedQuery("UPDATE report_order SET created_at = now() - make_interval(mins => $2),"
            + " updated_at = now() - make_interval(mins => $2) WHERE order_no = $1")
        .execute(Tuple.of(p.orderNo(), minutes)).await(5, TimeUnit.SECONDS);
  }

  @Test
  void aLostNotifyIsCaughtByReconciliation() throws Exception {
    Placed p = placeAndPrepay();
    sandbox.pay(p.orderNo(), "?notify=false");
    Thread.sleep(300);
    assertThat(status(p)).isEqualTo("PENDING_PAYMENT");
    app.app().services().pool().preparedQuery("UPDATE report_order SET updated_at = now() - interval '10 minutes' WHERE order_no = $1")
        .execute(Tuple.of(p.orderNo())).await(5, TimeUnit.SECONDS);
    runJobs();
    assertThat(status(p)).isEqualTo("PAID");
  }

  @Test
  void aPaymentThatLandsOnACancelledOrderIsRefundedAutomatically() throws Exception {
    Placed p = placeAndPrepay();
    // The resident paid, but WeChat's notify has not arrived when they cancel.
    sandbox.pay(p.orderNo(), "?notify=false");
    TestHttp.Response cancel = http.post("/api/v1/orders/" + p.orderNo() + "/cancel", "application/json", "{}", "Cookie", p.cookie());
    assertThat(cancel.json().getString("status")).isEqualTo("CANCELLED");
    assertThat(awaitStatus(p, "REFUNDED", 15_000)).isEqualTo("REFUNDED");
    assertThat(events(p, "CANCELLED")).isEqualTo(1);
    assertThat(events(p, "REFUNDING")).isEqualTo(1);
    JsonObject refunds = sandbox.http().get("/sandbox/refunds?outTradeNo=" + p.orderNo()).json();
    assertThat(refunds.getJsonArray("refunds")).hasSize(1);
  }

  @Test
  void anUnpaidCancelledOrderCannotBePaidAnyMore() {
    Placed p = placeAndPrepay();
    http.post("/api/v1/orders/" + p.orderNo() + "/cancel", "application/json", "{}", "Cookie", p.cookie());
    TestHttp.Response pay = sandbox.http().post("/sandbox/pay/" + p.orderNo() + "/succeed", "application/json", "{}");
    assertThat(pay.status()).as("WeChat closed the order").isEqualTo(400);
    assertThat(http.post("/api/v1/orders/" + p.orderNo() + "/pay", "application/json", "{}", "Cookie", p.cookie()).status())
        .isEqualTo(409);
  }

  @Test
  void cancellingAPaidOrderRefundsItOnce() throws Exception {
    Placed p = placeAndPrepay();
    sandbox.pay(p.orderNo(), "");
    awaitStatus(p, "PAID", 10_000);
    TestHttp.Response cancel = http.post("/api/v1/orders/" + p.orderNo() + "/cancel", "application/json", "{}", "Cookie", p.cookie());
    assertThat(cancel.json().getString("status")).isEqualTo("REFUNDING");
    TestHttp.Response twice = http.post("/api/v1/orders/" + p.orderNo() + "/cancel", "application/json", "{}", "Cookie", p.cookie());
    assertThat(twice.status()).isEqualTo(200);
    assertThat(awaitStatus(p, "REFUNDED", 15_000)).isEqualTo("REFUNDED");
    assertThat(events(p, "REFUNDED")).isEqualTo(1);
  }

  @Test
  void aRefundRetriedUnderFaultsIsIssuedOnce() throws Exception {
    Placed p = placeAndPrepay();
    sandbox.pay(p.orderNo(), "");
    awaitStatus(p, "PAID", 10_000);
    sandbox.fault("/v3/refund/domestic/refunds", "http500", 2);
    TestHttp.Response cancel = http.post("/api/v1/orders/" + p.orderNo() + "/cancel", "application/json", "{}", "Cookie", p.cookie());
    assertThat(cancel.json().getString("status")).isEqualTo("REFUNDING");
    for (int i = 0; i < 6 && !"REFUNDED".equals(status(p)); i++) {
      Thread.sleep(1100);
      runJobs();
    }
    assertThat(awaitStatus(p, "REFUNDED", 15_000)).isEqualTo("REFUNDED");
    JsonObject refunds = sandbox.http().get("/sandbox/refunds?outTradeNo=" + p.orderNo()).json();
    assertThat(refunds.getJsonArray("refunds")).hasSize(1);
  }

  @Test
  void forgedNotifiesAreRefusedChangeNothingAndAreRecorded() throws Exception {
    Placed p = placeAndPrepay();
    String forged = "{\"id\":\"x\",\"event_type\":\"TRANSACTION.SUCCESS\",\"resource\":{\"algorithm\":\"AEAD_AES_256_GCM\","
        + "\"ciphertext\":\"AAAA\",\"nonce\":\"abcdefabcdef\",\"associated_data\":\"transaction\"}}";
    TestHttp.Response r = http.post("/wx/pay/notify", "application/json", forged,
        "Wechatpay-Timestamp", Long.toString(System.currentTimeMillis() / 1000), "Wechatpay-Nonce", "n",
        "Wechatpay-Serial", "PUB_KEY_ID_FORGED", "Wechatpay-Signature", "c2lnbmF0dXJl");
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.json().getString("code")).isEqualTo("FAIL");
    assertThat(status(p)).isEqualTo("PENDING_PAYMENT");
    long recorded = app.app().services().pool().query("SELECT count(*) FROM security_event WHERE kind = 'payment notify refused'")
        .execute().await(5, TimeUnit.SECONDS).iterator().next().getLong(0);
    assertThat(recorded).isPositive();
  }
}
