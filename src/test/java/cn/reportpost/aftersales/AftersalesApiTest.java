package cn.reportpost.aftersales;

import cn.reportpost.testing.Outbox;
import cn.reportpost.testing.PaidOrders;
import cn.reportpost.testing.PostedOrders;
import cn.reportpost.testing.ReportPostExtension;
import cn.reportpost.testing.Residents;
import cn.reportpost.testing.Sandbox;
import cn.reportpost.testing.Staff;
import cn.reportpost.testing.TestApp;
import cn.reportpost.testing.TestHttp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** After-sales cases: opened by the resident, answered and resolved by operations, every route × role. */
@ExtendWith(ReportPostExtension.class)
class AftersalesApiTest {

  private final TestApp app;
  private final TestHttp http;
  private final Sandbox sandbox;

  AftersalesApiTest(TestApp app, TestHttp http, Sandbox sandbox) {
    this.app = app;
    this.http = http;
    this.sandbox = sandbox;
  }

  private String open(PaidOrders.Placed p, String type, String description) {
    TestHttp.Response r = http.postJson("/api/v1/orders/" + p.orderNo() + "/aftersales",
        Map.of("type", type, "description", description), "Cookie", p.cookie());
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    assertThat(r.json().getString("status")).isEqualTo("OPEN");
    return r.json().getString("caseNo");
  }

  @Test
  void aResidentOpensACaseOnTheirPaidOrderAndSeesTheAnswerWhileOthersCannot() throws Exception {
    PaidOrders.Placed p = PaidOrders.place(app, "TY001");
    String caseNo = open(p, "DAMAGED", "信封破损，报告被水浸湿");
    assertThat(caseNo).isEqualTo(p.orderNo() + "-A1");

    String stranger = Residents.signIn(http, "oStranger" + System.nanoTime());
    assertThat(http.postJson("/api/v1/orders/" + p.orderNo() + "/aftersales", Map.of("type", "OTHER", "description", "看看"),
        "Cookie", stranger).status()).isEqualTo(404);
    assertThat(http.get("/api/v1/orders/" + p.orderNo() + "/aftersales", "Cookie", stranger).status()).isEqualTo(404);
    assertThat(http.get("/api/v1/orders/" + p.orderNo() + "/aftersales").status()).isEqualTo(401);
    TestHttp.Response bad = http.postJson("/api/v1/orders/" + p.orderNo() + "/aftersales",
        Map.of("type", "ANGRY", "description", ""), "Cookie", p.cookie());
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().getJsonArray("errors").stream().map(e -> ((JsonObject) e).getString("field")))
        .contains("type", "description");

    Staff ops = Staff.signIn(http, "ops");
    TestHttp.Response reply = ops.post("/api/v1/ops/aftersales/" + caseNo + "/reply", Map.of("message", "已安排重新打印，请稍候"));
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    assertThat(reply.json().getString("status")).isEqualTo("ANSWERED");
    assertThat(reply.json().getString("firstRepliedAt")).isNotNull();

    JsonArray mine = http.get("/api/v1/orders/" + p.orderNo() + "/aftersales", "Cookie", p.cookie()).jsonArray();
    JsonObject seen = mine.getJsonObject(0);
    assertThat(seen.getString("caseNo")).isEqualTo(caseNo);
    assertThat(seen.getJsonArray("messages").stream().map(m -> ((JsonObject) m).getString("author"))).containsExactly("RESIDENT", "OPS");
    assertThat(seen.getJsonArray("messages").getJsonObject(1).getString("body")).isEqualTo("已安排重新打印，请稍候");
    assertThat(seen.getJsonArray("messages").getJsonObject(1).containsKey("staff")).as("staff names stay inside").isFalse();
    // The resident is told through the notification outbox.
    long queued = app.app().services().pool().preparedQuery(
            "SELECT count(*) FROM notification_outbox WHERE order_no = $1 AND kind = 'AFTERSALES'")
        .execute(Tuple.of(p.orderNo())).await(5, TimeUnit.SECONDS).iterator().next().getLong(0);
    assertThat(queued).isEqualTo(1);
    assertThat(new Outbox(app).settle(p.orderNo(), "AFTERSALES", 3)).as("the template message went out").isEqualTo("SENT");
  }

  @Test
  void everyOperationsRouteIsForOpsAndAdminOnly() throws Exception {
    PaidOrders.Placed p = PaidOrders.place(app, "TY001");
    String caseNo = open(p, "OTHER", "想确认一下寄出时间");
    Map<String, Object> reply = Map.of("message", "明天寄出");
    Map<String, Object> resolve = Map.of("resolution", "NO_ACTION", "note", "已答复");
    for (String user : new String[] {"staff", "courier"}) {
      Staff s = Staff.signIn(http, user);
      assertThat(s.get("/api/v1/ops/aftersales").status()).as(user).isEqualTo(403);
      assertThat(s.get("/api/v1/ops/aftersales/" + caseNo).status()).as(user).isEqualTo(403);
      assertThat(s.post("/api/v1/ops/aftersales/" + caseNo + "/reply", reply).status()).as(user).isEqualTo(403);
      assertThat(s.post("/api/v1/ops/aftersales/" + caseNo + "/resolve", resolve).status()).as(user).isEqualTo(403);
    }
    assertThat(http.get("/api/v1/ops/aftersales").status()).isEqualTo(401);
    assertThat(http.postJson("/api/v1/ops/aftersales/" + caseNo + "/reply", reply).status()).isEqualTo(401);
    Staff admin = Staff.signIn(http, "admin");
    Staff ops = Staff.signIn(http, "ops");
    assertThat(admin.get("/api/v1/ops/aftersales?status=OPEN").status()).isEqualTo(200);
    assertThat(ops.get("/api/v1/ops/aftersales?status=WHATEVER").status()).isEqualTo(400);
    assertThat(ops.get("/api/v1/ops/aftersales?cursor=nonsense").status()).isEqualTo(400);
    assertThat(admin.post("/api/v1/ops/aftersales/" + caseNo + "/reply", reply).status()).isEqualTo(200);
    assertThat(ops.get("/api/v1/ops/aftersales/" + caseNo).json().getJsonArray("messages")).hasSize(2);
    TestHttp.Response done = ops.post("/api/v1/ops/aftersales/" + caseNo + "/resolve", resolve);
    assertThat(done.status()).as(done.body()).isEqualTo(200);
    assertThat(done.json().getString("resolution")).isEqualTo("NO_ACTION");
    assertThat(ops.post("/api/v1/ops/aftersales/" + caseNo + "/resolve", resolve).status()).as("resolved twice").isEqualTo(409);
    assertThat(ops.post("/api/v1/ops/aftersales/" + caseNo + "/reply", reply).status()).isEqualTo(409);
    assertThat(ops.post("/api/v1/ops/aftersales/NOPE-A1/reply", reply).status()).isEqualTo(404);
  }

  @Test
  void theListIsOldestFirstAndPagesWithACursor() throws Exception {
    PaidOrders.Placed p = PaidOrders.place(app, "TY001");
    String first = open(p, "OTHER", "第一个问题");
    String second = open(p, "WRONG_INFO", "收件人名字写错了");
    Staff ops = Staff.signIn(http, "ops");
    JsonObject page = ops.get("/api/v1/ops/aftersales?status=OPEN").json();
    java.util.List<String> all = new java.util.ArrayList<>();
    while (true) {
      page.getJsonArray("items").forEach(c -> all.add(((JsonObject) c).getString("caseNo")));
      String next = page.getString("nextCursor");
      if (next == null) {
        break;
      }
      page = ops.get("/api/v1/ops/aftersales?status=OPEN&cursor=" + next).json();
    }
    assertThat(all).containsSubsequence(first, second);
    assertThat(all).doesNotHaveDuplicates();
  }

  @Test
  void partialRefundsThroughWeChatNeverAddUpToMoreThanWasPaid() throws Exception {
    PaidOrders.Placed p = PaidOrders.place(app, "TY001");
    Staff ops = Staff.signIn(http, "ops");
    int paid = ops.get("/api/v1/ops/orders/" + p.orderNo() + "/refunds").json().getInteger("paidFen");
    String a = open(p, "DAMAGED", "报告有折痕");
    String b = open(p, "REFUND", "寄得太慢，想退一部分");
    String c = open(p, "REFUND", "再退一点");

    TestHttp.Response first = ops.post("/api/v1/ops/aftersales/" + a + "/resolve",
        Map.of("resolution", "PARTIAL_REFUND", "amountFen", paid - 100, "note", "补偿折痕"));
    assertThat(first.status()).as(first.body()).isEqualTo(200);
    assertThat(first.json().getInteger("resolutionFen")).isEqualTo(paid - 100);
    TestHttp.Response tooMuch = ops.post("/api/v1/ops/aftersales/" + b + "/resolve",
        Map.of("resolution", "PARTIAL_REFUND", "amountFen", 101, "note", "多退了"));
    assertThat(tooMuch.status()).as(tooMuch.body()).isEqualTo(409);
    assertThat(tooMuch.json().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("amountFen");
    assertThat(tooMuch.json().getString("detail")).contains("还可退 ¥1.00");
    assertThat(ops.get("/api/v1/ops/aftersales/" + b).json().getString("status")).as("a refused resolve leaves the case open")
        .isEqualTo("OPEN");
    assertThat(ops.post("/api/v1/ops/aftersales/" + b + "/resolve",
        Map.of("resolution", "PARTIAL_REFUND", "amountFen", 100, "note", "补足")).status()).isEqualTo(200);
    assertThat(ops.post("/api/v1/ops/aftersales/" + c + "/resolve", Map.of("resolution", "REFUND", "note", "全退")).status())
        .as("nothing left to refund").isEqualTo(409);

    // WeChat (the sandbox) has both refunds, with their own numbers, adding up to what was paid.
    JsonArray refunds = sandbox.http().get("/sandbox/refunds?outTradeNo=" + p.orderNo()).json().getJsonArray("refunds");
    assertThat(refunds.stream().map(r -> ((JsonObject) r).getString("out_refund_no")))
        .containsExactlyInAnyOrder(p.orderNo() + "P1", p.orderNo() + "P2");
    assertThat(refunds.stream().mapToInt(r -> ((JsonObject) r).getJsonObject("amount").getInteger("refund")).sum())
        .isEqualTo(paid);
    long deadline = System.currentTimeMillis() + 15_000;
    JsonObject ledger = ops.get("/api/v1/ops/orders/" + p.orderNo() + "/refunds").json();
    while (ledger.getJsonArray("items").stream().anyMatch(r -> !"SUCCESS".equals(((JsonObject) r).getString("status")))
        && System.currentTimeMillis() < deadline) {
      Thread.sleep(200);
      ledger = ops.get("/api/v1/ops/orders/" + p.orderNo() + "/refunds").json();
    }
    assertThat(ledger.getInteger("leftFen")).isZero();
    assertThat(ledger.getJsonArray("items").stream().map(r -> ((JsonObject) r).getString("status"))).containsOnly("SUCCESS");
    assertThat(ledger.getString("status")).as("a partial refund leaves the order's course alone").isEqualTo("PAID");
  }

  @Test
  void aReshipPutsTheSentOrderBackIntoItsSitesQueueMarkedAsAReship() throws Exception {
    Staff staff = Staff.signIn(http, "staff");
    Staff courier = Staff.signIn(http, "courier");
    PostedOrders.Posted posted = PostedOrders.post(app, staff, courier);
    PaidOrders.Placed p = new PaidOrders.Placed(posted.cookie(), posted.orderNo());
    String caseNo = open(p, "NOT_RECEIVED", "一周了还没收到");
    Staff ops = Staff.signIn(http, "ops");
    TestHttp.Response done = ops.post("/api/v1/ops/aftersales/" + caseNo + "/resolve",
        Map.of("resolution", "RESHIP", "note", "邮件丢失，重新寄送"));
    assertThat(done.status()).as(done.body()).isEqualTo(200);
    assertThat(done.json().getJsonObject("order").getString("status")).isEqualTo("PAID");
    assertThat(done.json().getJsonObject("order").getInteger("reshipCount")).isEqualTo(1);

    TestHttp.Response listed = staff.get("/api/v1/staff/orders?status=PAID&q=" + posted.orderNo());
    JsonArray queue = listed.json().getJsonArray("items");
    JsonObject mine = queue.stream().map(JsonObject.class::cast).filter(o -> o.getString("orderNo").equals(posted.orderNo()))
        .findFirst().orElseThrow();
    assertThat(mine.getInteger("reshipCount")).isEqualTo(1);
    assertThat(mine.getString("waybillNo")).as("the old waybill stays on the timeline only").isNull();
    JsonObject detail = http.get("/api/v1/orders/" + posted.orderNo(), "Cookie", posted.cookie()).json();
    assertThat(detail.getString("status")).isEqualTo("PAID");
    assertThat(detail.encode()).contains("补寄");
    // Sent again free of charge, it is not the resident's to cancel for a refund: that goes through after-sales.
    TestHttp.Response cancel = http.post("/api/v1/orders/" + posted.orderNo() + "/cancel", "application/json", "{}",
        "Cookie", posted.cookie());
    assertThat(cancel.status()).as(cancel.body()).isEqualTo(409);
    assertThat(http.get("/api/v1/orders/" + posted.orderNo(), "Cookie", posted.cookie()).json().getString("status"))
        .isEqualTo("PAID");
    // The site sends it again the usual way, free of charge: no new payment is asked for.
    assertThat(staff.post("/api/v1/staff/orders/" + posted.orderNo() + "/ready").json().getString("status")).isEqualTo("READY");
    assertThat(sandbox.http().get("/sandbox/refunds?outTradeNo=" + posted.orderNo()).json().getJsonArray("refunds")).isEmpty();
  }

  @Test
  void aReshipOfAReportThatNeverLeftTheSiteIsRefused() throws Exception {
    PaidOrders.Placed p = PaidOrders.place(app, "TY001");
    String caseNo = open(p, "NOT_RECEIVED", "还没收到");
    Staff ops = Staff.signIn(http, "ops");
    TestHttp.Response r = ops.post("/api/v1/ops/aftersales/" + caseNo + "/resolve", Map.of("resolution", "RESHIP", "note", "补寄"));
    assertThat(r.status()).isEqualTo(409);
    TestHttp.Response noAmount = ops.post("/api/v1/ops/aftersales/" + caseNo + "/resolve",
        Map.of("resolution", "PARTIAL_REFUND", "note", "退一点"));
    assertThat(noAmount.status()).isEqualTo(400);
    assertThat(noAmount.json().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("amountFen");
  }
}
