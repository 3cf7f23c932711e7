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

/** For every role, reaching outside its scope changes nothing. */
@ExtendWith(ReportPostExtension.class)
class StaffScopeTest {

  private final TestApp app;
  private final TestHttp http;

  StaffScopeTest(TestApp app) {
    this.app = app;
    this.http = app.http();
  }

  private String status(PaidOrders.Placed p) {
    return http.get("/api/v1/orders/" + p.orderNo(), "Cookie", p.cookie()).json().getString("status");
  }

  @Test
  void siteStaffOfAnotherSiteCannotSeeOrTouchTheOrder() throws Exception {
    Staff other = Accounts.create(app, "staff-ty002", "SITE_STAFF", "TY002", List.of());
    PaidOrders.Placed p = PaidOrders.place(app, "TY001");
    assertThat(other.post("/api/v1/staff/orders/" + p.orderNo() + "/ready").status()).isEqualTo(404);
    assertThat(other.post("/api/v1/staff/orders/" + p.orderNo() + "/unavailable", Map.of("reason", "x")).status()).isEqualTo(404);
    assertThat(other.post("/api/v1/staff/handovers", Map.of("orderNos", List.of(p.orderNo()))).status()).isEqualTo(400);
    assertThat(other.get("/api/v1/staff/orders?q=" + p.orderNo()).json().getJsonArray("items").stream()
        .map(o -> ((JsonObject) o).getString("orderNo"))).doesNotContain(p.orderNo());
    assertThat(status(p)).isEqualTo("PAID");
  }

  @Test
  void aCourierOfAnotherCityCannotSeeOrConfirmTheBatch() throws Exception {
    Staff datong = Accounts.create(app, "courier-datong", "COURIER", null, List.of("140200"));
    Staff staff = Staff.signIn(http, "staff");
    PaidOrders.Placed p = PaidOrders.place(app, "TY001");
    staff.post("/api/v1/staff/orders/" + p.orderNo() + "/ready");
    String handoverNo = staff.post("/api/v1/staff/handovers", Map.of("orderNos", List.of(p.orderNo()))).json().getString("handoverNo");
    assertThat(datong.get("/api/v1/staff/handovers/" + handoverNo).status()).isEqualTo(404);
    assertThat(datong.post("/api/v1/staff/handovers/" + handoverNo + "/confirm", Map.of("received", List.of(p.orderNo()))).status())
        .isEqualTo(404);
    assertThat(datong.post("/api/v1/staff/orders/" + p.orderNo() + "/waybill", Map.of("waybillNo", "1234567890123")).status())
        .isEqualTo(404);
    assertThat(status(p)).isEqualTo("READY");
  }

  @Test
  void rolesCannotDoEachOthersWork() throws Exception {
    Staff courier = Staff.signIn(http, "courier");
    Staff ops = Staff.signIn(http, "ops");
    Staff staff = Staff.signIn(http, "staff");
    PaidOrders.Placed p = PaidOrders.place(app, "TY001");
    assertThat(courier.post("/api/v1/staff/orders/" + p.orderNo() + "/ready").status()).isEqualTo(403);
    assertThat(ops.post("/api/v1/staff/orders/" + p.orderNo() + "/ready").status()).isEqualTo(403);
    assertThat(staff.post("/api/v1/staff/orders/" + p.orderNo() + "/waybill", Map.of("waybillNo", "1234567890123")).status())
        .isEqualTo(403);
    assertThat(ops.get("/api/v1/staff/orders?q=" + p.orderNo()).json().getJsonArray("items").stream()
        .map(o -> ((JsonObject) o).getString("orderNo")))
        .contains(p.orderNo());
    assertThat(status(p)).isEqualTo("PAID");
  }

  @Test
  void withoutTheCsrfTokenAStaffChangeIsRefused() throws Exception {
    Staff staff = Staff.signIn(http, "staff");
    PaidOrders.Placed p = PaidOrders.place(app, "TY001");
    TestHttp.Response forged = http.postJson("/api/v1/staff/orders/" + p.orderNo() + "/ready", new JsonObject(), "Cookie", staff.cookie());
    assertThat(forged.status()).isEqualTo(403);
    assertThat(status(p)).isEqualTo("PAID");
  }

  @Test
  void aResidentSessionOpensNoStaffDoor() throws Exception {
    PaidOrders.Placed p = PaidOrders.place(app, "TY001");
    assertThat(http.get("/api/v1/staff/orders", "Cookie", p.cookie()).status()).isEqualTo(401);
    assertThat(http.postJson("/api/v1/staff/orders/" + p.orderNo() + "/ready", new JsonObject(), "Cookie", p.cookie()).status())
        .isEqualTo(401);
  }

  @Test
  void unavailableNeedsAReasonAndRefundsTheOrder() throws Exception {
    Staff staff = Staff.signIn(http, "staff");
    PaidOrders.Placed p = PaidOrders.place(app, "TY001");
    assertThat(staff.post("/api/v1/staff/orders/" + p.orderNo() + "/unavailable", Map.of("reason", " ")).status()).isEqualTo(400);
    TestHttp.Response r = staff.post("/api/v1/staff/orders/" + p.orderNo() + "/unavailable", Map.of("reason", "样本不合格，需重新采样"));
    assertThat(r.json().getString("status")).isIn("REFUNDING", "REFUNDED");
    long deadline = System.currentTimeMillis() + 15_000;
    while (!"REFUNDED".equals(status(p)) && System.currentTimeMillis() < deadline) {
      Thread.sleep(200);
    }
    assertThat(status(p)).isEqualTo("REFUNDED");
  }
}
