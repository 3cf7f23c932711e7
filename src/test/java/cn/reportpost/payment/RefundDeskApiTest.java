package cn.reportpost.payment;

import cn.reportpost.order.model.OrderNumber;
import cn.reportpost.testing.Orders;
import cn.reportpost.testing.PaidOrders;
import cn.reportpost.testing.ReportPostExtension;
import cn.reportpost.testing.Sandbox;
import cn.reportpost.testing.Staff;
import cn.reportpost.testing.TestApp;
import cn.reportpost.testing.TestHttp;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The refund desk: stuck refunds with WeChat's answer, retry, refunded offline, an operator's refund. */
@ExtendWith(ReportPostExtension.class)
class RefundDeskApiTest {

  private final TestApp app;
  private final TestHttp http;
  private final Sandbox sandbox;

  RefundDeskApiTest(TestApp app, TestHttp http, Sandbox sandbox) {
    this.app = app;
    this.http = http;
    this.sandbox = sandbox;
  }

  /** A paid order its resident cancelled, whose refund WeChat then ended {@code status} (ABNORMAL, CLOSED). */
  private PaidOrders.Placed failed(String status) throws Exception {
    PaidOrders.Placed p = PaidOrders.place(app, "TY001");
    assertThat(http.post("/api/v1/orders/" + p.orderNo() + "/cancel", "application/json", "{}", "Cookie", p.cookie())
        .json().getString("status")).isEqualTo("REFUNDING");
    assertThat(sandbox.http().post("/sandbox/refunds/" + OrderNumber.refundNumber(p.orderNo()) + "/fail?status=" + status,
        "application/json", "{}").status()).isEqualTo(204);
    return p;
  }

  private JsonObject onDesk(Staff ops, String orderNo) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 10_000;
    while (System.currentTimeMillis() < deadline) {
      JsonObject page = ops.get("/api/v1/ops/refunds").json();
      while (true) {
        for (Object item : page.getJsonArray("items")) {
          if (((JsonObject) item).getString("orderNo").equals(orderNo)) {
            return (JsonObject) item;
          }
        }
        if (page.getString("nextCursor") == null) {
          break;
        }
        page = ops.get("/api/v1/ops/refunds?cursor=" + page.getString("nextCursor")).json();
      }
      Thread.sleep(100);
    }
    throw new AssertionError("refund of " + orderNo + " never reached the desk");
  }

  private long audited(String action, String target) throws Exception {
    return app.app().services().pool().preparedQuery("SELECT count(*) FROM audit_log WHERE action = $1 AND target = $2")
        .execute(Tuple.of(action, target)).await(5, TimeUnit.SECONDS).iterator().next().getLong(0);
  }

  @Test
  void everyDeskRouteIsForOpsAndAdminOnly() {
    for (String user : new String[] {"staff", "courier"}) {
      Staff s = Staff.signIn(http, user);
      assertThat(s.get("/api/v1/ops/refunds").status()).as(user).isEqualTo(403);
      assertThat(s.get("/api/v1/ops/orders/X/refunds").status()).as(user).isEqualTo(403);
      assertThat(s.post("/api/v1/ops/orders/X/refunds", Map.of("reason", "测试")).status()).as(user).isEqualTo(403);
      assertThat(s.post("/api/v1/ops/refunds/X/retry").status()).as(user).isEqualTo(403);
      assertThat(s.post("/api/v1/ops/refunds/X/offline", Map.of("note", "测试")).status()).as(user).isEqualTo(403);
    }
    assertThat(http.get("/api/v1/ops/refunds").status()).isEqualTo(401);
    assertThat(http.postJson("/api/v1/ops/refunds/X/retry", Map.of()).status()).isEqualTo(401);
    Staff admin = Staff.signIn(http, "admin");
    Staff ops = Staff.signIn(http, "ops");
    assertThat(admin.get("/api/v1/ops/refunds").status()).isEqualTo(200);
    assertThat(ops.get("/api/v1/ops/refunds").status()).isEqualTo(200);
    assertThat(ops.post("/api/v1/ops/refunds/NOPE/retry").status()).isEqualTo(404);
    assertThat(admin.post("/api/v1/ops/refunds/NOPE/offline", Map.of("note", "已线下退款")).status()).isEqualTo(404);
    TestHttp.Response noReason = ops.post("/api/v1/ops/orders/X/refunds", Map.of("amountFen", "12"));
    assertThat(noReason.status()).isEqualTo(400);
    assertThat(noReason.json().getJsonArray("errors").stream().map(e -> ((JsonObject) e).getString("field")))
        .contains("amountFen", "reason");
  }

  @Test
  void anOperatorRefundsAPaidOrderWithAReasonAndItIsAudited() throws Exception {
    PaidOrders.Placed p = PaidOrders.place(app, "TY001");
    Staff ops = Staff.signIn(http, "ops");
    TestHttp.Response r = ops.post("/api/v1/ops/orders/" + p.orderNo() + "/refunds", Map.of("reason", "居民电话要求退款"));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    assertThat(r.json().getString("refundNo")).isEqualTo(OrderNumber.refundNumber(p.orderNo()));
    Orders.awaitStatus(http, p.orderNo(), "REFUNDED", "Cookie", p.cookie());
    assertThat(audited("refund.order", p.orderNo())).isEqualTo(1);
    assertThat(ops.post("/api/v1/ops/orders/" + p.orderNo() + "/refunds", Map.of("reason", "再退一次")).status())
        .as("a refunded order holds no payment").isEqualTo(409);
  }

  @Test
  void aRefundWeChatClosedIsListedWithItsAnswerAndARetryAsksUnderTheNextNumber() throws Exception {
    PaidOrders.Placed p = failed("CLOSED");
    Staff ops = Staff.signIn(http, "ops");
    JsonObject stuck = onDesk(ops, p.orderNo());
    assertThat(stuck.getString("status")).isEqualTo("PROBLEM");
    assertThat(stuck.getString("wechatStatus")).isEqualTo("CLOSED");
    assertThat(stuck.getString("problem")).contains("已关闭");
    TestHttp.Response retried = ops.post("/api/v1/ops/refunds/" + stuck.getString("refundNo") + "/retry");
    assertThat(retried.status()).as(retried.body()).isEqualTo(200);
    assertThat(retried.json().getString("refundNo")).isEqualTo(OrderNumber.refundNumber(p.orderNo()) + "-2");
    Orders.awaitStatus(http, p.orderNo(), "REFUNDED", "Cookie", p.cookie());
    assertThat(audited("refund.retry", OrderNumber.refundNumber(p.orderNo()) + "-2")).isEqualTo(1);
    assertThat(ops.post("/api/v1/ops/refunds/" + retried.json().getString("refundNo") + "/retry").status())
        .as("a settled refund is not asked again").isEqualTo(409);
  }

  @Test
  void anAbnormalRefundIsNotAskedAgainButCanBeRecordedAsPaidBackOfflineWithANote() throws Exception {
    PaidOrders.Placed p = failed("ABNORMAL");
    Staff admin = Staff.signIn(http, "admin");
    JsonObject stuck = onDesk(admin, p.orderNo());
    assertThat(stuck.getString("wechatStatus")).isEqualTo("ABNORMAL");
    TestHttp.Response retry = admin.post("/api/v1/ops/refunds/" + stuck.getString("refundNo") + "/retry");
    assertThat(retry.status()).isEqualTo(409);
    assertThat(retry.json().getString("detail")).contains("商户平台");
    TestHttp.Response noNote = admin.post("/api/v1/ops/refunds/" + stuck.getString("refundNo") + "/offline", Map.of());
    assertThat(noNote.status()).isEqualTo(400);
    TestHttp.Response offline = admin.post("/api/v1/ops/refunds/" + stuck.getString("refundNo") + "/offline",
        Map.of("note", "银行卡已注销，窗口现金退还，收据 0042"));
    assertThat(offline.status()).as(offline.body()).isEqualTo(200);
    assertThat(offline.json().getString("status")).isEqualTo("OFFLINE");
    Orders.awaitStatus(http, p.orderNo(), "REFUNDED", "Cookie", p.cookie());
    assertThat(audited("refund.offline", stuck.getString("refundNo"))).isEqualTo(1);
    assertThat(sandbox.http().get("/sandbox/refunds?outTradeNo=" + p.orderNo()).json().getJsonArray("refunds")).hasSize(1);
  }

  @Test
  void aPartialRefundWeChatNeverGotIsAskedForAgainByThePaymentJobUnderTheSameNumber() throws Exception {
    PaidOrders.Placed p = PaidOrders.place(app, "TY001");
    Staff ops = Staff.signIn(http, "ops");
    sandbox.fault("/v3/refund/domestic/refunds", "http500", 1);
    TestHttp.Response asked = ops.post("/api/v1/ops/orders/" + p.orderNo() + "/refunds", Map.of("amountFen", 300, "reason", "少寄一份"));
    assertThat(asked.status()).as(asked.body()).isEqualTo(201);
    assertThat(asked.json().getString("status")).as("WeChat did not answer").isEqualTo("PENDING");
    String refundNo = asked.json().getString("refundNo");
    assertThat(refundNo).isEqualTo(p.orderNo() + "P1");
    long deadline = System.currentTimeMillis() + 20_000;
    String status = "PENDING";
    while (!"SUCCESS".equals(status) && System.currentTimeMillis() < deadline) {
      Thread.sleep(200);
      status = ops.get("/api/v1/ops/orders/" + p.orderNo() + "/refunds").json().getJsonArray("items").getJsonObject(0).getString("status");
    }
    assertThat(status).isEqualTo("SUCCESS");
    assertThat(sandbox.http().get("/sandbox/refunds?outTradeNo=" + p.orderNo()).json().getJsonArray("refunds")).hasSize(1);
  }

  @Test
  void aRefundUnansweredPastItsTimeReachesTheDeskAndARetryRecordsWhatWeChatSays() throws Exception {
    PaidOrders.Placed p = PaidOrders.place(app, "TY001");
    Staff ops = Staff.signIn(http, "ops");
    assertThat(ops.post("/api/v1/ops/orders/" + p.orderNo() + "/refunds", Map.of("reason", "重复下单")).status()).isEqualTo(201);
    Orders.awaitStatus(http, p.orderNo(), "REFUNDED", "Cookie", p.cookie());
    String refundNo = OrderNumber.refundNumber(p.orderNo());
    // As if WeChat's answer had been lost for a day.
    app.app().services().pool().preparedQuery("UPDATE order_refund SET status = 'PENDING', wechat_status = NULL,"
            + " settled_at = NULL, created_at = now() - interval '25 hours' WHERE refund_no = $1")
        .execute(Tuple.of(refundNo)).await(5, TimeUnit.SECONDS);
    JsonObject stuck = onDesk(ops, p.orderNo());
    assertThat(stuck.getString("refundNo")).isEqualTo(refundNo);
    assertThat(stuck.getString("wechatStatus")).isNull();
    TestHttp.Response retried = ops.post("/api/v1/ops/refunds/" + refundNo + "/retry");
    assertThat(retried.status()).as(retried.body()).isEqualTo(200);
    assertThat(retried.json().getString("status")).isEqualTo("SUCCESS");
    assertThat(sandbox.http().get("/sandbox/refunds?outTradeNo=" + p.orderNo()).json().getJsonArray("refunds")).hasSize(1);
  }
}
