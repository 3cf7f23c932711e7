package cn.reportpost.handover;

import cn.reportpost.testing.Accounts;
import cn.reportpost.testing.PaidOrders;
import cn.reportpost.testing.ReportPostExtension;
import cn.reportpost.testing.Staff;
import cn.reportpost.testing.TestApp;
import cn.reportpost.testing.TestHttp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** PAID → READY → batch → confirm → waybill → IN_TRANSIT → OUT_FOR_DELIVERY → DELIVERED, with the demo accounts. */
@ExtendWith(ReportPostExtension.class)
class HandoverAndDeliveryTest {

  private final TestApp app;
  private final TestHttp http;
  private final Staff staff;
  private final Staff courier;

  HandoverAndDeliveryTest(TestApp app) {
    this.app = app;
    this.http = app.http();
    this.staff = Staff.signIn(http, "staff");
    this.courier = Staff.signIn(http, "courier");
  }

  private static JsonObject event(String id, String type, OffsetDateTime at, String location, String note) {
    return new JsonObject().put("eventId", id).put("type", type).put("at", at.toString()).put("location", location).put("note", note);
  }

  private String handOver(String... orderNos) {
    for (String no : orderNos) {
      assertThat(staff.post("/api/v1/staff/orders/" + no + "/ready").json().getString("status")).isEqualTo("READY");
    }
    TestHttp.Response batch = staff.post("/api/v1/staff/handovers", Map.of("orderNos", List.of(orderNos)));
    assertThat(batch.status()).as(batch.body()).isEqualTo(201);
    assertThat(batch.json().getString("status")).isEqualTo("OPEN");
    return batch.json().getString("handoverNo");
  }

  @Test
  void aPaidOrderTravelsToTheDoorAndTheResidentSeesEveryStep() throws Exception {
    PaidOrders.Placed p = PaidOrders.place(app, "TY001");
    String handoverNo = handOver(p.orderNo());
    JsonArray open = courier.get("/api/v1/staff/handovers?status=OPEN").jsonArray();
    assertThat(open.stream().map(b -> ((JsonObject) b).getString("handoverNo"))).contains(handoverNo);

    JsonObject confirmed = courier.post("/api/v1/staff/handovers/" + handoverNo + "/confirm",
        Map.of("received", List.of(p.orderNo()))).json();
    assertThat(confirmed.getString("status")).isEqualTo("CONFIRMED");
    assertThat(confirmed.getString("confirmedBy")).isEqualTo("courier");
    assertThat(confirmed.getString("createdBy")).isEqualTo("staff");

    String waybill = "EE" + "12345678" + "5" + "CN";
    TestHttp.Response posted = courier.post("/api/v1/staff/orders/" + p.orderNo() + "/waybill", Map.of("waybillNo", waybill));
    assertThat(posted.json().getString("status")).as(posted.body()).isEqualTo("POSTED");
    OffsetDateTime t = OffsetDateTime.now().minusMinutes(3);
    String[][] steps = {{"IN_TRANSIT", "太原邮区中心"}, {"OUT_FOR_DELIVERY", "小店区投递部"}, {"DELIVERED", "长风街100号"}};
    for (int i = 0; i < steps.length; i++) {
      TestHttp.Response r = courier.post("/api/v1/staff/orders/" + p.orderNo() + "/events",
          event("ev-" + p.orderNo() + "-" + i, steps[i][0], t.plusMinutes(i), steps[i][1], ""));
      assertThat(r.json().getString("status")).as(r.body()).isEqualTo(steps[i][0]);
    }

    JsonObject detail = http.get("/api/v1/orders/" + p.orderNo(), "Cookie", p.cookie()).json();
    assertThat(detail.getString("status")).isEqualTo("DELIVERED");
    assertThat(detail.getString("waybillNo")).isEqualTo(waybill);
    assertThat(detail.getJsonArray("timeline").stream().map(e -> ((JsonObject) e).getString("to") + "/" + ((JsonObject) e).getString("actorRole")))
        .containsExactly("PENDING_PAYMENT/RESIDENT", "PAID/PAYMENT", "READY/SITE_STAFF", "HANDED_OVER/COURIER",
            "POSTED/COURIER", "IN_TRANSIT/COURIER", "OUT_FOR_DELIVERY/COURIER", "DELIVERED/COURIER");
    assertThat(detail.getJsonArray("timeline").getJsonObject(5).getString("location")).isEqualTo("太原邮区中心");

    long audited = app.app().services().pool().preparedQuery("SELECT count(*) FROM audit_log WHERE target = $1")
        .execute(io.vertx.sqlclient.Tuple.of(p.orderNo())).await(5, TimeUnit.SECONDS).iterator().next().getLong(0);
    assertThat(audited).isGreaterThanOrEqualTo(5);
  }

  @Test
  void duplicateEventsAreHarmlessAndOutOfOrderOnesAreRefused() throws Exception {
    PaidOrders.Placed p = PaidOrders.place(app, "TY001");
    String handoverNo = handOver(p.orderNo());
    courier.post("/api/v1/staff/handovers/" + handoverNo + "/confirm", Map.of("received", List.of(p.orderNo())));
    courier.post("/api/v1/staff/orders/" + p.orderNo() + "/waybill", Map.of("waybillNo", String.format("1%012d", System.nanoTime() % 1_000_000_000_000L)));
    OffsetDateTime t = OffsetDateTime.now().minusHours(1);
    String path = "/api/v1/staff/orders/" + p.orderNo() + "/events";

    TestHttp.Response early = courier.post(path, event("early-" + p.orderNo(), "OUT_FOR_DELIVERY", t, "", ""));
    assertThat(early.status()).isEqualTo(409);
    JsonObject first = courier.post(path, event("transit-" + p.orderNo(), "IN_TRANSIT", t, "", "")).json();
    assertThat(first.getBoolean("duplicate")).isFalse();
    JsonObject again = courier.post(path, event("transit-" + p.orderNo(), "IN_TRANSIT", t, "", "")).json();
    assertThat(again.getBoolean("duplicate")).isTrue();
    courier.post(path, event("out-" + p.orderNo(), "OUT_FOR_DELIVERY", t.plusMinutes(5), "", ""));
    TestHttp.Response lateReplay = courier.post(path, event("transit-" + p.orderNo(), "IN_TRANSIT", t, "", ""));
    assertThat(lateReplay.status()).as("a replay after the order moved on").isEqualTo(200);
    TestHttp.Response failedWithoutReason = courier.post(path, event("fail-" + p.orderNo(), "DELIVERY_FAILED", t.plusMinutes(9), "", ""));
    assertThat(failedWithoutReason.status()).isEqualTo(400);

    JsonArray timeline = http.get("/api/v1/orders/" + p.orderNo(), "Cookie", p.cookie()).json().getJsonArray("timeline");
    assertThat(timeline.stream().filter(e -> "IN_TRANSIT".equals(((JsonObject) e).getString("to")))).hasSize(1);
  }

  @Test
  void offlineEventsAreAppliedInTimeOrderWithAResultEach() throws Exception {
    PaidOrders.Placed p = PaidOrders.place(app, "TY001");
    courier.post("/api/v1/staff/handovers/" + handOver(p.orderNo()) + "/confirm", Map.of("received", List.of(p.orderNo())));
    courier.post("/api/v1/staff/orders/" + p.orderNo() + "/waybill", Map.of("waybillNo", String.format("2%012d", System.nanoTime() % 1_000_000_000_000L)));
    OffsetDateTime t = OffsetDateTime.now().minusHours(2);
    JsonArray events = new JsonArray()
        .add(event("off-c-" + p.orderNo(), "DELIVERED", t.plusMinutes(50), "门口", "").put("orderNo", p.orderNo()))
        .add(event("off-a-" + p.orderNo(), "IN_TRANSIT", t, "", "").put("orderNo", p.orderNo()))
        .add(event("off-b-" + p.orderNo(), "OUT_FOR_DELIVERY", t.plusMinutes(20), "", "").put("orderNo", p.orderNo()))
        .add(event("off-a-" + p.orderNo(), "IN_TRANSIT", t, "", "").put("orderNo", p.orderNo()));
    JsonArray results = courier.post("/api/v1/staff/events", new JsonObject().put("events", events)).json().getJsonArray("results");
    assertThat(results.stream().map(r -> ((JsonObject) r).getString("type") + ":" + ((JsonObject) r).getString("result")))
        .containsExactly("IN_TRANSIT:APPLIED", "IN_TRANSIT:DUPLICATE", "OUT_FOR_DELIVERY:APPLIED", "DELIVERED:APPLIED");
  }

  @Test
  void waybillNumbersMustBeValidAndUnique() throws Exception {
    PaidOrders.Placed a = PaidOrders.place(app, "TY001");
    PaidOrders.Placed b = PaidOrders.place(app, "TY001");
    courier.post("/api/v1/staff/handovers/" + handOver(a.orderNo(), b.orderNo()) + "/confirm",
        Map.of("received", List.of(a.orderNo(), b.orderNo())));
    String path = "/api/v1/staff/orders/" + a.orderNo() + "/waybill";
    assertThat(courier.post(path, Map.of("waybillNo", "12345")).status()).isEqualTo(400);
    assertThat(courier.post(path, Map.of("waybillNo", "EE123456784CN")).status()).as("wrong S10 check digit").isEqualTo(400);
    String waybill = String.format("3%012d", System.nanoTime() % 1_000_000_000_000L);
    assertThat(courier.post(path, Map.of("waybillNo", waybill)).status()).isEqualTo(200);
    TestHttp.Response taken = courier.post("/api/v1/staff/orders/" + b.orderNo() + "/waybill", Map.of("waybillNo", waybill));
    assertThat(taken.status()).isEqualTo(409);
    assertThat(taken.json().getString("detail")).contains("already attached");
  }

  @Test
  void twoCouriersConfirmingOneBatchAtOnceConfirmItOnce() throws Exception {
    Staff second = Accounts.create(app, "courier-b", "COURIER", null, List.of("140100"));
    PaidOrders.Placed p = PaidOrders.place(app, "TY001");
    String handoverNo = handOver(p.orderNo());
    String path = "/api/v1/staff/handovers/" + handoverNo + "/confirm";
    Map<String, Object> body = Map.of("received", List.of(p.orderNo()));
    CompletableFuture<TestHttp.Response> one = CompletableFuture.supplyAsync(() -> courier.post(path, body));
    CompletableFuture<TestHttp.Response> two = CompletableFuture.supplyAsync(() -> second.post(path, body));
    List<Integer> statuses = List.of(one.get().status(), two.get().status());
    assertThat(statuses).containsExactlyInAnyOrder(200, 409);
    JsonArray timeline = http.get("/api/v1/orders/" + p.orderNo(), "Cookie", p.cookie()).json().getJsonArray("timeline");
    assertThat(timeline.stream().filter(e -> "HANDED_OVER".equals(((JsonObject) e).getString("to")))).hasSize(1);
  }

  @Test
  void ordersMissingFromAConfirmedBatchStayReadyAndAreFlagged() throws Exception {
    PaidOrders.Placed a = PaidOrders.place(app, "TY001");
    PaidOrders.Placed b = PaidOrders.place(app, "TY001");
    String handoverNo = handOver(a.orderNo(), b.orderNo());
    JsonObject confirmed = courier.post("/api/v1/staff/handovers/" + handoverNo + "/confirm",
        Map.of("received", List.of(a.orderNo()))).json();
    assertThat(confirmed.getJsonArray("missing").getList()).containsExactly(b.orderNo());
    JsonObject missing = staff.get("/api/v1/staff/orders?status=READY&q=" + b.orderNo()).json().getJsonArray("items")
        .stream().map(o -> (JsonObject) o)
        .filter(o -> o.getString("orderNo").equals(b.orderNo())).findFirst().orElseThrow();
    assertThat(missing.getBoolean("flagged")).isTrue();
    assertThat(missing.getJsonObject("recipient").getString("phone")).isEqualTo("139****5678");
  }
}
