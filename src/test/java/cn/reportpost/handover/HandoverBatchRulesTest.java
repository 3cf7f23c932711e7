package cn.reportpost.handover;

import cn.reportpost.testing.Accounts;
import cn.reportpost.testing.PaidOrders;
import cn.reportpost.testing.ReportPostExtension;
import cn.reportpost.testing.Staff;
import cn.reportpost.testing.TestApp;
import cn.reportpost.testing.TestHttp;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A handover batch can change only while OPEN, and an order in an OPEN batch is spoken for. */
@ExtendWith(ReportPostExtension.class)
class HandoverBatchRulesTest {

  private final TestApp app;
  private final Staff staff;
  private final Staff courier;

  HandoverBatchRulesTest(TestApp app) {
    this.app = app;
    this.staff = Accounts.create(app, "staff-ty030", "SITE_STAFF", "TY030", List.of());
    this.courier = Staff.signIn(app.http(), "courier");
  }

  private PaidOrders.Placed ready() throws Exception {
    PaidOrders.Placed p = PaidOrders.place(app, "TY030");
    assertThat(staff.post("/api/v1/staff/orders/" + p.orderNo() + "/ready").status()).isEqualTo(200);
    return p;
  }

  private String open(String... orderNos) {
    TestHttp.Response r = staff.post("/api/v1/staff/handovers", Map.of("orderNos", List.of(orderNos)));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().getString("handoverNo");
  }

  private String status(PaidOrders.Placed p) {
    return app.http().get("/api/v1/orders/" + p.orderNo(), "Cookie", p.cookie()).json().getString("status");
  }

  @Test
  void anOpenBatchTakesOrdersInAndOutAndThoseLeftOutAreFreeForAnotherBatch() throws Exception {
    PaidOrders.Placed a = ready();
    PaidOrders.Placed b = ready();
    PaidOrders.Placed c = ready();
    String first = open(a.orderNo(), b.orderNo());
    TestHttp.Response taken = staff.post("/api/v1/staff/handovers", Map.of("orderNos", List.of(b.orderNo())));
    assertThat(taken.status()).isEqualTo(409);
    assertThat(taken.json().getString("title")).isEqualTo("Conflict");

    TestHttp.Response replaced = staff.put("/api/v1/staff/handovers/" + first, Map.of("orderNos", List.of(a.orderNo(), c.orderNo())));
    assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
    assertThat(replaced.json().getJsonArray("orderNos").getList()).containsExactlyInAnyOrder(a.orderNo(), c.orderNo());
    String second = open(b.orderNo());
    assertThat(staff.get("/api/v1/staff/handovers/" + second).json().getJsonArray("orderNos").getList())
        .containsExactly(b.orderNo());

    PaidOrders.Placed paid = PaidOrders.place(app, "TY030");
    TestHttp.Response notReady = staff.put("/api/v1/staff/handovers/" + first, Map.of("orderNos", List.of(paid.orderNo())));
    assertThat(notReady.status()).isEqualTo(400);
    assertThat(notReady.body()).contains(paid.orderNo(), "尚未打包");
    assertThat(staff.put("/api/v1/staff/handovers/" + first, Map.of("orderNos", List.of())).status()).isEqualTo(400);
  }

  @Test
  void aCancelledBatchFreesItsOrdersAndCanNoLongerChangeOrBeConfirmed() throws Exception {
    PaidOrders.Placed a = ready();
    String handoverNo = open(a.orderNo());
    TestHttp.Response cancelled = staff.delete("/api/v1/staff/handovers/" + handoverNo);
    assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
    assertThat(cancelled.json().getString("status")).isEqualTo("CANCELLED");
    assertThat(staff.get("/api/v1/staff/handovers?status=CANCELLED").jsonArray().stream()
        .map(o -> ((JsonObject) o).getString("handoverNo"))).contains(handoverNo);

    TestHttp.Response again = staff.put("/api/v1/staff/handovers/" + handoverNo, Map.of("orderNos", List.of(a.orderNo())));
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.json().getString("detail")).contains(handoverNo, "已取消");
    assertThat(staff.delete("/api/v1/staff/handovers/" + handoverNo).status()).isEqualTo(409);
    assertThat(courier.post("/api/v1/staff/handovers/" + handoverNo + "/confirm", Map.of("received", List.of(a.orderNo())))
        .status()).isEqualTo(409);
    assertThat(status(a)).isEqualTo("READY");
    open(a.orderNo());
  }

  @Test
  void aConfirmedBatchCanNoLongerChange() throws Exception {
    PaidOrders.Placed a = ready();
    String handoverNo = open(a.orderNo());
    assertThat(courier.post("/api/v1/staff/handovers/" + handoverNo + "/confirm", Map.of("received", List.of(a.orderNo())))
        .status()).isEqualTo(200);
    assertThat(staff.delete("/api/v1/staff/handovers/" + handoverNo).status()).isEqualTo(409);
    assertThat(staff.put("/api/v1/staff/handovers/" + handoverNo, Map.of("orderNos", List.of(a.orderNo()))).status())
        .isEqualTo(409);
  }

  @Test
  void aConfirmationWithNothingReceivedFlagsEveryOrder() throws Exception {
    PaidOrders.Placed a = ready();
    PaidOrders.Placed b = ready();
    String handoverNo = open(a.orderNo(), b.orderNo());
    TestHttp.Response confirmed = courier.post("/api/v1/staff/handovers/" + handoverNo + "/confirm", Map.of("received", List.of()));
    assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
    assertThat(confirmed.json().getJsonArray("missing").getList()).containsExactlyInAnyOrder(a.orderNo(), b.orderNo());
    assertThat(confirmed.json().getJsonArray("received").getList()).isEmpty();
    assertThat(status(a)).isEqualTo("READY");
    JsonObject seen = staff.get("/api/v1/staff/orders?q=" + a.orderNo()).json().getJsonArray("items").getJsonObject(0);
    assertThat(seen.getBoolean("flagged")).isTrue();
    assertThat(seen.getString("openHandoverNo")).isNull();
  }

  @Test
  void anOrderInAnOpenBatchCannotBeCancelledOrReportedUnavailableUntilItLeavesTheBatch() throws Exception {
    PaidOrders.Placed a = ready();
    PaidOrders.Placed b = ready();
    String handoverNo = open(a.orderNo(), b.orderNo());
    assertThat(staff.get("/api/v1/staff/orders?q=" + a.orderNo()).json().getJsonArray("items").getJsonObject(0)
        .getString("openHandoverNo")).isEqualTo(handoverNo);

    TestHttp.Response cancel = app.http().postJson("/api/v1/orders/" + a.orderNo() + "/cancel", Map.of(), "Cookie", a.cookie());
    assertThat(cancel.status()).isEqualTo(409);
    assertThat(cancel.json().getString("title")).isEqualTo("Conflict");
    assertThat(cancel.json().getString("detail")).contains(handoverNo, "移出交接单");
    TestHttp.Response unavailable = staff.post("/api/v1/staff/orders/" + b.orderNo() + "/unavailable", Map.of("reason", "报告遗失"));
    assertThat(unavailable.status()).isEqualTo(409);
    assertThat(unavailable.json().getString("detail")).contains(handoverNo);
    assertThat(status(a)).isEqualTo("READY");
    assertThat(status(b)).isEqualTo("READY");

    assertThat(staff.put("/api/v1/staff/handovers/" + handoverNo, Map.of("orderNos", List.of(a.orderNo()))).status()).isEqualTo(200);
    assertThat(staff.post("/api/v1/staff/orders/" + b.orderNo() + "/unavailable", Map.of("reason", "报告遗失")).status())
        .isEqualTo(200);
    assertThat(status(b)).isIn("REFUNDING", "REFUNDED");
  }
}
