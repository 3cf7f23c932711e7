package cn.reportpost.sla;

import cn.reportpost.testing.PaidOrders;
import cn.reportpost.testing.ReportPostExtension;
import cn.reportpost.testing.Staff;
import cn.reportpost.testing.TestApp;
import cn.reportpost.testing.TestHttp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** An order past its stage's limit is a breach: listed, counted, alerted once to the WeCom robot, closed when it moves. */
@ExtendWith(ReportPostExtension.class)
class BreachesTest {

  private final TestApp app;
  private final TestHttp http;

  BreachesTest(TestApp app) {
    this.app = app;
    this.http = app.http();
  }

  @Test
  void onlyOperationsAndAdminsListBreaches() {
    assertThat(http.get("/api/v1/ops/breaches").status()).isEqualTo(401);
    for (String user : List.of("staff", "courier")) {
      assertThat(Staff.signIn(http, user).get("/api/v1/ops/breaches").status()).as(user).isEqualTo(403);
    }
    for (String user : List.of("ops", "admin")) {
      assertThat(Staff.signIn(http, user).get("/api/v1/ops/breaches").status()).as(user).isEqualTo(200);
    }
  }

  @Test
  void aStageOrCursorThatIsNotOneIsRefusedNamingTheField() {
    Staff ops = Staff.signIn(http, "ops");
    TestHttp.Response stage = ops.get("/api/v1/ops/breaches?stage=LATE");
    assertThat(stage.status()).isEqualTo(400);
    assertThat(stage.body()).contains("stage");
    TestHttp.Response cursor = ops.get("/api/v1/ops/breaches?cursor=bm9wZQ");
    assertThat(cursor.status()).isEqualTo(400);
    assertThat(cursor.body()).contains("cursor");
    assertThat(ops.get("/api/v1/ops/breaches?city=abc").status()).isEqualTo(400);
  }

  @Test
  void anOrderPaidLongerThanTheLimitIsABreachAlertedOnceAndClosedWhenTheSiteHasItReady() throws Exception {
    Staff ops = Staff.signIn(http, "ops");
    PaidOrders.Placed p = PaidOrders.place(app, "TY001");
    assertThat(orderNos(ops.get("/api/v1/ops/breaches?stage=PAID_TO_READY&city=140100"))).doesNotContain(p.orderNo());

    app.app().services().pool().preparedQuery("UPDATE report_order SET stage_since = now() - interval '25 hours' WHERE order_no = $1")
        .execute(Tuple.of(p.orderNo())).await(5, TimeUnit.SECONDS);
    app.app().modules().slaWatch().runOnce().await(10, TimeUnit.SECONDS);
    app.app().modules().slaWatch().runOnce().await(10, TimeUnit.SECONDS);

    JsonObject breach = find(ops, p.orderNo());
    assertThat(breach.getString("stageName")).isEqualTo("已付款→已备好");
    assertThat(breach.getString("cityName")).isNotBlank();
    assertThat(ops.get("/api/v1/ops/board").json().getLong("breaches")).isPositive();
    assertThat(http.get("/metrics").body()).contains("reportpost_sla_breaches{city=\"140100\",stage=\"PAID_TO_READY\"}");

    List<JsonObject> alerts = awaitAlerts(p.orderNo());
    assertThat(alerts).hasSize(1);
    JsonObject body = alerts.get(0).getJsonObject("body");
    assertThat(body.getString("msgtype")).isEqualTo("markdown");
    assertThat(body.getJsonObject("markdown").getString("content")).contains("SLA 超时", "已付款→已备好", p.orderNo());
    // Another pass finds nothing new: still the one alert.
    app.app().modules().slaWatch().runOnce().await(10, TimeUnit.SECONDS);
    Thread.sleep(6000);
    assertThat(alertsFor(p.orderNo())).hasSize(1);

    assertThat(Staff.signIn(http, "staff").post("/api/v1/staff/orders/" + p.orderNo() + "/ready").status()).isEqualTo(200);
    assertThat(orderNos(ops.get("/api/v1/ops/breaches?stage=PAID_TO_READY&city=140100"))).doesNotContain(p.orderNo());
  }

  @Test
  void ordersBreachingInOnePassReachTheRobotAsOneMessageNamingEach() throws Exception {
    List<String> late = new java.util.ArrayList<>();
    for (int i = 0; i < 3; i++) {
      late.add(PaidOrders.place(app, "TY001").orderNo());
    }
    app.app().services().pool().preparedQuery(
            "UPDATE report_order SET stage_since = now() - interval '30 hours' WHERE order_no = ANY($1)")
        .execute(Tuple.of((Object) late.toArray(String[]::new))).await(5, TimeUnit.SECONDS);
    app.app().modules().slaWatch().runOnce().await(10, TimeUnit.SECONDS);

    List<JsonObject> alerts = awaitAlerts(late.get(0));
    assertThat(alerts).hasSize(1);
    String content = alerts.get(0).getJsonObject("body").getJsonObject("markdown").getString("content");
    assertThat(content).contains(late.toArray(String[]::new)).contains("已付款→已备好").contains("已支付")
        .contains("/ops/breaches");
    assertThat(content.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).as("the robot's limit").isLessThanOrEqualTo(4096);
    for (String orderNo : late) {
      assertThat(alertsFor(orderNo)).as(orderNo).hasSize(1);
    }
  }

  @Test
  void anAfterSalesCaseUnansweredPastItsLimitIsABreachUntilOperationsAnswer() throws Exception {
    Staff ops = Staff.signIn(http, "ops");
    PaidOrders.Placed p = PaidOrders.place(app, "TY001");
    TestHttp.Response opened = http.postJson("/api/v1/orders/" + p.orderNo() + "/aftersales",
        new JsonObject().put("type", "OTHER").put("description", "报告还没收到，想问一下进度"), "Cookie", p.cookie());
    assertThat(opened.status()).as(opened.body()).isEqualTo(201);
    String caseNo = opened.json().getString("caseNo");
    app.app().services().pool().preparedQuery("UPDATE aftersales_case SET opened_at = now() - interval '25 hours' WHERE case_no = $1")
        .execute(Tuple.of(caseNo)).await(5, TimeUnit.SECONDS);
    app.app().modules().slaWatch().runOnce().await(10, TimeUnit.SECONDS);
    assertThat(find(ops, p.orderNo(), "AFTERSALES_UNANSWERED").getString("stageName")).isEqualTo("售后未答复");
    // The order's own stage is untouched by the case: a paid order within its limit is no breach.
    assertThat(orderNos(ops.get("/api/v1/ops/breaches?stage=PAID_TO_READY&city=140100"))).doesNotContain(p.orderNo());

    TestHttp.Response reply = ops.post("/api/v1/ops/aftersales/" + caseNo + "/reply", Map.of("message", "已在处理，请稍候"));
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    assertThat(orderNos(ops.get("/api/v1/ops/breaches?stage=AFTERSALES_UNANSWERED"))).doesNotContain(p.orderNo());
  }

  private JsonObject find(Staff ops, String orderNo) {
    return find(ops, orderNo, "PAID_TO_READY");
  }

  private JsonObject find(Staff ops, String orderNo, String stage) {
    String cursor = null;
    do {
      JsonObject page = ops.get("/api/v1/ops/breaches?stage=" + stage + (cursor == null ? "" : "&cursor=" + cursor)).json();
      for (Object item : page.getJsonArray("items")) {
        if (((JsonObject) item).getString("orderNo").equals(orderNo)) {
          return (JsonObject) item;
        }
      }
      cursor = page.getString("nextCursor");
    } while (cursor != null);
    throw new AssertionError("no breach listed for " + orderNo);
  }

  private static List<String> orderNos(TestHttp.Response page) {
    assertThat(page.status()).as(page.body()).isEqualTo(200);
    return page.json().getJsonArray("items").stream().map(i -> ((JsonObject) i).getString("orderNo")).toList();
  }

  private List<JsonObject> awaitAlerts(String orderNo) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 20_000;
    List<JsonObject> alerts = alertsFor(orderNo);
    while (alerts.isEmpty() && System.currentTimeMillis() < deadline) {
      Thread.sleep(250);
      alerts = alertsFor(orderNo);
    }
    return alerts;
  }

  private List<JsonObject> alertsFor(String orderNo) {
    JsonArray received = app.sandboxHttp().get("/sandbox/webhook/received").jsonArray();
    return received.stream().map(JsonObject.class::cast)
        .filter(r -> r.getJsonObject("body").getJsonObject("markdown").getString("content").contains(orderNo)).toList();
  }
}
