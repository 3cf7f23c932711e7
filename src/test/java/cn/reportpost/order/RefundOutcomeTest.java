package cn.reportpost.order;

import cn.reportpost.order.model.OrderNumber;
import cn.reportpost.testing.Orders;
import cn.reportpost.testing.ReportPostExtension;
import cn.reportpost.testing.Residents;
import cn.reportpost.testing.Sandbox;
import cn.reportpost.testing.TestApp;
import cn.reportpost.testing.TestHttp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** How a refund ends: checked against the order, flagged when WeChat gives up, with the real reason. */
@ExtendWith(ReportPostExtension.class)
class RefundOutcomeTest {

  private final TestApp app;
  private final TestHttp http;
  private final Sandbox sandbox;

  RefundOutcomeTest(TestApp app, TestHttp http, Sandbox sandbox) {
    this.app = app;
    this.http = http;
    this.sandbox = sandbox;
  }

  private record Paid(String cookie, String orderNo, int amountFen) {}

  /** An order paid and then cancelled by its resident: REFUNDING, with the refund asked of WeChat. */
  private Paid paidThenCancelled() throws Exception {
    String cookie = Residents.signIn(http, "oRefund" + System.nanoTime());
    JsonObject order = http.postJson("/api/v1/orders", Orders.body(), "Cookie", cookie).json();
    String orderNo = order.getString("orderNo");
    assertThat(http.post("/api/v1/orders/" + orderNo + "/pay", "application/json", "{}", "Cookie", cookie).status())
        .isEqualTo(200);
    sandbox.pay(orderNo, "");
    await(orderNo, cookie, "PAID");
    TestHttp.Response cancel = http.post("/api/v1/orders/" + orderNo + "/cancel", "application/json", "{}", "Cookie", cookie);
    assertThat(cancel.json().getString("status")).isEqualTo("REFUNDING");
    return new Paid(cookie, orderNo, order.getInteger("amountFen"));
  }

  private String status(String orderNo, String cookie) {
    return http.get("/api/v1/orders/" + orderNo, "Cookie", cookie).json().getString("status");
  }

  private String await(String orderNo, String cookie, String expected) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 15_000;
    String seen = status(orderNo, cookie);
    while (!seen.equals(expected) && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
      seen = status(orderNo, cookie);
    }
    return seen;
  }

  private JsonArray refunds(String orderNo) {
    return sandbox.http().get("/sandbox/refunds?outTradeNo=" + orderNo).json().getJsonArray("refunds");
  }

  private Row order(String orderNo) throws Exception {
    return app.app().services().pool().preparedQuery("SELECT status, refund_problem FROM report_order WHERE order_no = $1")
        .execute(Tuple.of(orderNo)).await(5, TimeUnit.SECONDS).iterator().next();
  }

  private long securityEventsAbout(String orderNo) throws Exception {
    return app.app().services().pool().preparedQuery(
            "SELECT count(*) FROM security_event WHERE kind = 'refund notify refused' AND detail LIKE $1")
        .execute(Tuple.of("%" + orderNo + "%")).await(5, TimeUnit.SECONDS).iterator().next().getLong(0);
  }

  private long securityEventsAwaited(String orderNo) throws Exception {
    long deadline = System.currentTimeMillis() + 10_000;
    long seen = securityEventsAbout(orderNo);
    while (seen == 0 && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
      seen = securityEventsAbout(orderNo);
    }
    return seen;
  }

  @Test
  void theRefundWeChatIsAskedForCarriesTheResidentsReason() throws Exception {
    Paid p = paidThenCancelled();
    JsonArray refunds = refunds(p.orderNo());
    assertThat(refunds).hasSize(1);
    assertThat(refunds.getJsonObject(0).getString("reason")).isEqualTo("居民取消订单");
    assertThat(refunds.getJsonObject(0).getString("out_refund_no")).isEqualTo(OrderNumber.refundNumber(p.orderNo()));
  }

  @Test
  void aRefundWeChatEndsAbnormalIsFlaggedForTheRefundDeskAndNotAskedAgain() throws Exception {
    Paid p = paidThenCancelled();
    String refundNo = OrderNumber.refundNumber(p.orderNo());
    assertThat(sandbox.http().post("/sandbox/refunds/" + refundNo + "/fail?status=ABNORMAL", "application/json", "{}")
        .status()).isEqualTo(204);
    long deadline = System.currentTimeMillis() + 10_000;
    while (order(p.orderNo()).getString("refund_problem") == null && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
    }
    assertThat(order(p.orderNo()).getString("refund_problem")).contains("ABNORMAL", "异常");
    // The jobs run now and later find nothing to do for it: no second refund, still REFUNDING.
    app.app().services().pool().preparedQuery("UPDATE report_order SET updated_at = now() - interval '10 minutes'"
        + " WHERE order_no = $1").execute(Tuple.of(p.orderNo())).await(5, TimeUnit.SECONDS);
    app.app().modules().paymentJobs().runOnce().await(20, TimeUnit.SECONDS);
    app.app().modules().paymentJobs().runOnce().await(20, TimeUnit.SECONDS);
    assertThat(refunds(p.orderNo())).hasSize(1);
    assertThat(order(p.orderNo()).getString("status")).isEqualTo("REFUNDING");
  }

  @Test
  void aRefundNotifyForAnotherAmountIsRefusedAndTheRealOneStillCompletes() throws Exception {
    Paid p = paidThenCancelled();
    String refundNo = OrderNumber.refundNumber(p.orderNo());
    assertThat(sandbox.http().postJson("/sandbox/refunds/" + refundNo + "/notify", Map.of("refund", 1)).status())
        .isEqualTo(204);
    assertThat(securityEventsAwaited(p.orderNo())).as("the 1-fen notify is recorded as refused").isPositive();
    assertThat(await(p.orderNo(), p.cookie(), "REFUNDED")).isEqualTo("REFUNDED");
    JsonArray timeline = http.get("/api/v1/orders/" + p.orderNo(), "Cookie", p.cookie()).json().getJsonArray("timeline");
    assertThat(timeline.stream().filter(e -> "REFUNDED".equals(((JsonObject) e).getString("to"))).count()).isEqualTo(1);
  }

  @Test
  void aRefundThisServiceDidNotAskForDoesNotCompleteTheOrder() throws Exception {
    String cookie = Residents.signIn(http, "oRefundOther" + System.nanoTime());
    JsonObject order = http.postJson("/api/v1/orders", Orders.body(), "Cookie", cookie).json();
    String orderNo = order.getString("orderNo");
    http.post("/api/v1/orders/" + orderNo + "/pay", "application/json", "{}", "Cookie", cookie);
    sandbox.pay(orderNo, "");
    assertThat(await(orderNo, cookie, "PAID")).isEqualTo("PAID");
    // Someone refunds on the merchant platform under another number; WeChat notifies us of it.
    app.app().services().wechat().pay().refund(orderNo, "RX" + orderNo, order.getInteger("amountFen"), "商户平台退款")
        .await(10, TimeUnit.SECONDS);
    sandbox.http().post("/sandbox/refunds/RX" + orderNo + "/succeed", "application/json", "{}");
    assertThat(securityEventsAwaited(orderNo)).isPositive();
    assertThat(status(orderNo, cookie)).isEqualTo("PAID");
  }
}
