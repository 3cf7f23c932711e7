package cn.reportpost.handover;

import cn.reportpost.testing.Accounts;
import cn.reportpost.testing.Orders;
import cn.reportpost.testing.PaidOrders;
import cn.reportpost.testing.ReportPostExtension;
import cn.reportpost.testing.Residents;
import cn.reportpost.testing.Staff;
import cn.reportpost.testing.TestApp;
import cn.reportpost.testing.TestHttp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Each staff role sees what it needs of an order's personal data, and every whole value revealed is audited. */
@ExtendWith(ReportPostExtension.class)
class PersonalDataByRoleTest {

  private static final String ID_NUMBER = Orders.idNumber("140105", "19900307", "123");

  private final TestApp app;
  private final TestHttp http;
  private final Pool pool;

  PersonalDataByRoleTest(TestApp app) {
    this.app = app;
    this.http = app.http();
    this.pool = app.app().services().pool();
  }

  private static JsonObject find(TestHttp.Response list, String orderNo) {
    return list.json().getJsonArray("items").stream().map(o -> (JsonObject) o).filter(o -> o.getString("orderNo").equals(orderNo))
        .findFirst().orElse(null);
  }

  private List<Row> audits(String action, String target) throws Exception {
    List<Row> rows = new ArrayList<>();
    pool.preparedQuery("SELECT * FROM audit_log WHERE action = $1 AND target LIKE $2 ORDER BY id")
        .execute(Tuple.of(action, "%" + target + "%")).await(5, TimeUnit.SECONDS).forEach(rows::add);
    return rows;
  }

  @Test
  void siteStaffSeeTheirPaidOrdersWithThePatientNameAndMaskedPhonesOnly() throws Exception {
    Staff staff = Staff.signIn(http, "staff");
    String cookie = Residents.signIn(http, "oUnpaid" + System.nanoTime());
    String unpaid = http.postJson("/api/v1/orders", Orders.body(), "Cookie", cookie).json().getString("orderNo");
    PaidOrders.Placed paid = PaidOrders.place(app, "TY001");

    // Searched by number: the list is oldest first, and the shared test database holds many orders.
    assertThat(find(staff.get("/api/v1/staff/orders?q=" + unpaid), unpaid)).as("an unpaid order is nothing to pack").isNull();
    assertThat(staff.post("/api/v1/staff/orders/" + unpaid + "/ready").status()).isEqualTo(404);
    TestHttp.Response list = staff.get("/api/v1/staff/orders?q=" + paid.orderNo());
    JsonObject view = find(list, paid.orderNo());
    assertThat(view.getJsonObject("patient").getString("name")).isEqualTo("张三");
    assertThat(view.getJsonObject("patient").getString("phone")).isEqualTo("138****5678");
    assertThat(view.getJsonObject("patient").getString("idNumber")).isEqualTo("1401**********" + ID_NUMBER.substring(14));
    assertThat(view.getJsonObject("recipient").getString("phone")).isEqualTo("139****5678");
    assertThat(view.getJsonObject("recipient").getString("address")).isEqualTo("长风街100号2单元301");
    assertThat(list.body()).doesNotContain("13812345678", "13912345678", ID_NUMBER);
    // Staff do not reach the operations desk.
    assertThat(staff.get("/api/v1/ops/orders/" + paid.orderNo()).status()).isEqualTo(403);
  }

  @Test
  void couriersSeeOnlyTheOrdersHandedToThemAndNoPatientData() throws Exception {
    Staff staff = Staff.signIn(http, "staff");
    Staff courier = Staff.signIn(http, "courier");
    Staff colleague = Accounts.create(app, "courier-colleague", "COURIER", null, List.of("140100"));
    PaidOrders.Placed p = PaidOrders.place(app, "TY001");
    staff.post("/api/v1/staff/orders/" + p.orderNo() + "/ready");
    assertThat(find(courier.get("/api/v1/staff/orders?q=" + p.orderNo()), p.orderNo())).as("not yet handed over").isNull();
    String handoverNo = staff.post("/api/v1/staff/handovers", Map.of("orderNos", List.of(p.orderNo()))).json()
        .getString("handoverNo");
    TestHttp.Response confirmed = courier.post("/api/v1/staff/handovers/" + handoverNo + "/confirm",
        Map.of("received", List.of(p.orderNo())));
    assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);

    TestHttp.Response list = courier.get("/api/v1/staff/orders?q=" + p.orderNo());
    JsonObject view = find(list, p.orderNo());
    assertThat(view).isNotNull();
    assertThat(view.containsKey("patient")).isFalse();
    assertThat(view.containsKey("sampledOn")).isFalse();
    assertThat(view.getJsonObject("recipient").getString("name")).isEqualTo("李四");
    assertThat(view.getJsonObject("recipient").getString("phone")).isEqualTo("139****5678");
    assertThat(view.getJsonObject("recipient").getString("address")).isEqualTo("长风街100号2单元301");
    assertThat(list.body()).doesNotContain("张三", "13812345678", "13912345678", ID_NUMBER);
    // A courier of the same city who did not receive it neither sees it nor posts it.
    assertThat(find(colleague.get("/api/v1/staff/orders?q=" + p.orderNo()), p.orderNo())).isNull();
    assertThat(colleague.post("/api/v1/staff/orders/" + p.orderNo() + "/waybill", Map.of("waybillNo", "1234567890123"))
        .status()).isEqualTo(404);
    assertThat(courier.get("/api/v1/ops/orders/search?q=" + p.orderNo()).status()).isEqualTo(403);
  }

  @Test
  void operationsSeeMaskedDataAndEachRevealIsOneAuditEntryWithTheFieldAndReason() throws Exception {
    Staff ops = Staff.signIn(http, "ops");
    PaidOrders.Placed p = PaidOrders.place(app, "TY001");
    TestHttp.Response masked = ops.get("/api/v1/ops/orders/" + p.orderNo());
    assertThat(masked.status()).isEqualTo(200);
    JsonObject view = masked.json();
    assertThat(view.getJsonObject("patient").getString("name")).isEqualTo("张*");
    assertThat(view.getJsonObject("recipient").getString("name")).isEqualTo("李*");
    assertThat(view.getJsonObject("recipient").getString("address")).startsWith("长风").contains("*").doesNotContain("301");
    assertThat(masked.body()).doesNotContain("张三", "李四", "13812345678", "13912345678", ID_NUMBER, "100号2单元");

    Map<String, String> whole = Map.of("patient.name", "张三", "patient.idNumber", ID_NUMBER,
        "patient.phone", "13812345678", "recipient.name", "李四", "recipient.phone", "13912345678",
        "recipient.address", "长风街100号2单元301");
    int before = audits("pii.reveal", p.orderNo()).size();
    for (Map.Entry<String, String> e : whole.entrySet()) {
      TestHttp.Response r = ops.post("/api/v1/ops/orders/" + p.orderNo() + "/reveal",
          Map.of("field", e.getKey(), "reason", "居民来电核对收件信息"));
      assertThat(r.status()).as(r.body()).isEqualTo(200);
      assertThat(r.json()).isEqualTo(new JsonObject().put("field", e.getKey()).put("value", e.getValue()));
      List<Row> entries = audits("pii.reveal", p.orderNo());
      assertThat(entries).hasSize(++before);
      Row last = entries.get(entries.size() - 1);
      assertThat(last.getString("actor")).isEqualTo("ops");
      assertThat(last.getString("target")).isEqualTo(p.orderNo());
      assertThat(last.getString("detail")).contains(e.getKey()).contains("居民来电核对收件信息").doesNotContain(e.getValue());
    }

    TestHttp.Response noReason = ops.post("/api/v1/ops/orders/" + p.orderNo() + "/reveal", Map.of("field", "patient.phone"));
    assertThat(noReason.status()).isEqualTo(400);
    assertThat(noReason.header("Content-Type")).startsWith("application/problem+json");
    assertThat(noReason.body()).contains("reason").doesNotContain("13812345678");
    TestHttp.Response badField = ops.post("/api/v1/ops/orders/" + p.orderNo() + "/reveal",
        Map.of("field", "patient.address", "reason", "核对"));
    assertThat(badField.status()).isEqualTo(400);
    assertThat(badField.body()).contains("field");
    TestHttp.Response forged = http.postJson("/api/v1/ops/orders/" + p.orderNo() + "/reveal",
        new JsonObject().put("field", "patient.phone").put("reason", "核对"), "Cookie", ops.cookie());
    assertThat(forged.status()).isEqualTo(403);
    assertThat(audits("pii.reveal", p.orderNo())).hasSize(before);
  }

  @Test
  void customerServiceFindsOrdersByNumberPhoneOrIdThroughHashesAndAuditsPersonalSearches() throws Exception {
    Staff admin = Staff.signIn(http, "admin");
    PaidOrders.Placed p = PaidOrders.place(app, "TY001");

    TestHttp.Response byNumber = admin.get("/api/v1/ops/orders/search?q=" + p.orderNo().toLowerCase());
    JsonArray items = byNumber.json().getJsonArray("items");
    assertThat(items).hasSize(1);
    assertThat(items.getJsonObject(0).getString("orderNo")).isEqualTo(p.orderNo());
    assertThat(audits("pii.search", p.orderNo())).isEmpty();

    for (String q : new String[] {"138 1234 5678", ID_NUMBER.toLowerCase()}) {
      int before = audits("pii.search", "").size();
      TestHttp.Response found = admin.get("/api/v1/ops/orders/search?q=" + java.net.URLEncoder.encode(q,
          java.nio.charset.StandardCharsets.UTF_8));
      assertThat(found.status()).as(found.body()).isEqualTo(200);
      assertThat(found.json().getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("orderNo")))
          .contains(p.orderNo());
      assertThat(found.body()).doesNotContain("13812345678", ID_NUMBER, "张三");
      List<Row> entries = audits("pii.search", "");
      assertThat(entries).hasSize(before + 1);
      Row last = entries.get(entries.size() - 1);
      assertThat(last.getString("actor")).isEqualTo("admin");
      assertThat(last.getString("target")).contains(p.orderNo());
      assertThat(last.getString("detail")).doesNotContain("13812345678", ID_NUMBER);
    }
    assertThat(admin.get("/api/v1/ops/orders/search?q=").status()).isEqualTo(400);
  }

  @Test
  void aRowWhosePersonalFieldsDoNotOpenIsListedFlaggedInsteadOfFailingTheList() throws Exception {
    Staff staff = Staff.signIn(http, "staff");
    PaidOrders.Placed damaged = PaidOrders.place(app, "TY001");
    // A sealed value moved into another column no longer opens (as after tampering, or a lost key).
    pool.preparedQuery("UPDATE report_order SET recipient_name = patient_name WHERE order_no = $1")
        .execute(Tuple.of(damaged.orderNo())).await(5, TimeUnit.SECONDS);

    TestHttp.Response list = staff.get("/api/v1/staff/orders?q=" + damaged.orderNo());
    assertThat(list.status()).as(list.body()).isEqualTo(200);
    JsonObject view = find(list, damaged.orderNo());
    assertThat(view.getBoolean("personalDataUnreadable")).isTrue();
    assertThat(view.getJsonObject("patient").getString("name")).isNull();
    assertThat(view.getJsonObject("recipient").getString("city")).isEqualTo("太原市");
    // The operator's reveal of it is refused, saying why, and nothing was audited as revealed.
    Staff ops = Staff.signIn(http, "ops");
    TestHttp.Response reveal = ops.post("/api/v1/ops/orders/" + damaged.orderNo() + "/reveal",
        java.util.Map.of("field", "recipient.name", "reason", "核对收件人"));
    assertThat(reveal.status()).isEqualTo(409);
    assertThat(reveal.json().getString("title")).isEqualTo("Personal data unreadable");
    assertThat(audits("pii.reveal", damaged.orderNo())).isEmpty();
  }
}
