package cn.reportpost.order;

import cn.reportpost.testing.Orders;
import cn.reportpost.testing.PaidOrders;
import cn.reportpost.testing.ReportPostExtension;
import cn.reportpost.testing.Residents;
import cn.reportpost.testing.Staff;
import cn.reportpost.testing.TestApp;
import cn.reportpost.testing.TestHttp;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Personal fields are erased after the retention period of an ended order, or earlier when its resident asks. */
@ExtendWith(ReportPostExtension.class)
class PersonalDataRetentionTest {

  private final TestApp app;
  private final TestHttp http;
  private final Pool pool;

  PersonalDataRetentionTest(TestApp app) {
    this.app = app;
    this.http = app.http();
    this.pool = app.app().services().pool();
  }

  private record Made(String cookie, String orderNo) {}

  private Made cancelled() {
    String cookie = Residents.signIn(http, "oRetention" + System.nanoTime());
    String orderNo = http.postJson("/api/v1/orders", Orders.body(), "Cookie", cookie).json().getString("orderNo");
    TestHttp.Response cancel = http.postJson("/api/v1/orders/" + orderNo + "/cancel", new JsonObject(), "Cookie", cookie);
    assertThat(cancel.json().getString("status")).as(cancel.body()).isEqualTo("CANCELLED");
    return new Made(cookie, orderNo);
  }

  /** Moves every timeline entry of the order {@code days} back, as if it had ended then. */
  private void age(String orderNo, int days) throws Exception {
    pool.preparedQuery("UPDATE order_event SET at = at - make_interval(days => $2) WHERE order_no = $1")
        .execute(Tuple.of(orderNo, days)).await(5, TimeUnit.SECONDS);
  }

  private Row row(String orderNo) throws Exception {
    return pool.preparedQuery("SELECT * FROM report_order WHERE order_no = $1").execute(Tuple.of(orderNo))
        .await(5, TimeUnit.SECONDS).iterator().next();
  }

  private long count(String sql, String orderNo) throws Exception {
    return pool.preparedQuery(sql).execute(Tuple.of(orderNo)).await(5, TimeUnit.SECONDS).iterator().next().getLong(0);
  }

  private int retentionPass() throws Exception {
    return app.app().modules().personalData().retention().runOnce().await(30, TimeUnit.SECONDS);
  }

  @Test
  void retentionErasesExactlyTheEndedOrdersOlderThanTheLimit() throws Exception {
    int days = app.app().services().config().integer("privacy.retentionDays");
    Made old = cancelled();
    age(old.orderNo(), days + 1);
    Made older = cancelled();
    age(older.orderNo(), days + 90);
    Made recent = cancelled();
    age(recent.orderNo(), days - 1);
    PaidOrders.Placed open = PaidOrders.place(app, "TY001");
    age(open.orderNo(), days + 30);

    assertThat(retentionPass()).isGreaterThanOrEqualTo(2);
    assertThat(row(older.orderNo()).getOffsetDateTime("personal_data_erased_at")).as("erased in the same pass").isNotNull();
    Row erased = row(old.orderNo());
    for (PersonalColumn c : PersonalColumn.values()) {
      assertThat(erased.getValue(c.column())).as(c.column()).isNull();
    }
    for (String hash : new String[] {"patient_id_hash", "patient_phone_hash", "recipient_phone_hash", "patient_name_hash",
        "patient_phone_tail_hash", "recipient_phone_tail_hash"}) {
      assertThat(erased.getValue(hash)).as(hash).isNull();
    }
    assertThat(erased.getOffsetDateTime("personal_data_erased_at")).isNotNull();
    // What accounting and the daily report need stays.
    assertThat(erased.getString("site_code")).isEqualTo("TY001");
    assertThat(erased.getString("status")).isEqualTo("CANCELLED");
    assertThat(erased.getInteger("amount_fen")).isPositive();
    assertThat(erased.getString("recipient_city")).isEqualTo("太原市");
    assertThat(count("SELECT count(*) FROM audit_log WHERE action = 'pii.erase' AND target = $1", old.orderNo())).isEqualTo(1);

    for (String untouched : new String[] {recent.orderNo(), open.orderNo()}) {
      Row r = row(untouched);
      assertThat(r.getOffsetDateTime("personal_data_erased_at")).as(untouched).isNull();
      assertThat(r.getString("patient_name")).as(untouched).isNotNull();
    }

    // The resident sees that it happened, and nothing fails on the erased order.
    JsonObject detail = http.get("/api/v1/orders/" + old.orderNo(), "Cookie", old.cookie()).json();
    assertThat(detail.getString("personalDataErasedAt")).isNotNull();
    assertThat(detail.getJsonObject("patient").getString("name")).isNull();
    assertThat(detail.getJsonObject("recipient").getString("address")).isNull();
    assertThat(detail.getJsonArray("timeline").encode()).contains(PersonalDataService.ERASED_NOTE);

    // Idempotent: a second pass erases nothing again.
    retentionPass();
    for (Made m : new Made[] {old, older}) {
      assertThat(count("SELECT count(*) FROM order_event WHERE order_no = $1 AND note = '" + PersonalDataService.ERASED_NOTE
          + "'", m.orderNo())).as(m.orderNo()).isEqualTo(1);
      assertThat(count("SELECT count(*) FROM audit_log WHERE action = 'pii.erase' AND target = $1", m.orderNo()))
          .as(m.orderNo()).isEqualTo(1);
    }
  }

  @Test
  void theResidentErasesAnEndedOrderNowButNotOneStillUnderway() throws Exception {
    PaidOrders.Placed paid = PaidOrders.place(app, "TY001");
    TestHttp.Response refused = http.send("DELETE", "/api/v1/orders/" + paid.orderNo() + "/personal-data",
        "application/json", "", "Cookie", paid.cookie());
    assertThat(refused.status()).as(refused.body()).isEqualTo(409);
    assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
    assertThat(refused.json().getString("title")).isEqualTo("Order not ended");
    assertThat(row(paid.orderNo()).getString("patient_name")).isNotNull();

    Made ended = cancelled();
    TestHttp.Response erased = http.send("DELETE", "/api/v1/orders/" + ended.orderNo() + "/personal-data",
        "application/json", "", "Cookie", ended.cookie());
    assertThat(erased.status()).as(erased.body()).isEqualTo(200);
    assertThat(erased.json().getString("personalDataErasedAt")).isNotNull();
    assertThat(erased.json().getJsonObject("patient").getString("idNumber")).isNull();
    assertThat(row(ended.orderNo()).getString("recipient_phone_enc")).isNull();
    assertThat(count("SELECT count(*) FROM audit_log WHERE action = 'pii.erase' AND target = $1", ended.orderNo())).isEqualTo(1);
    // Staff views of the erased order show nothing personal instead of failing.
    Staff ops = Staff.signIn(http, "ops");
    JsonObject view = ops.get("/api/v1/ops/orders/" + ended.orderNo()).json();
    assertThat(view.getBoolean("personalDataErased")).isTrue();
    assertThat(view.getJsonObject("recipient").getString("address")).isNull();
    assertThat(ops.post("/api/v1/ops/orders/" + ended.orderNo() + "/reveal",
        java.util.Map.of("field", "patient.phone", "reason", "核对")).status()).isEqualTo(409);
    // No label of it can be printed: operations only read the workbench, and the site's staff no
    // longer see an order that ended unpaid.
    java.util.Map<String, Object> labels = java.util.Map.of("orderNos", java.util.List.of(ended.orderNo()), "format", "A4_3X7");
    assertThat(ops.post("/api/v1/staff/labels", labels).status()).isEqualTo(403);
    assertThat(Staff.signIn(http, "staff").post("/api/v1/staff/labels", labels).status()).isIn(404, 409);
    // Again: harmless. Someone else's order: not found.
    assertThat(http.send("DELETE", "/api/v1/orders/" + ended.orderNo() + "/personal-data", "application/json", "",
        "Cookie", ended.cookie()).status()).isEqualTo(200);
    assertThat(http.send("DELETE", "/api/v1/orders/" + ended.orderNo() + "/personal-data", "application/json", "",
        "Cookie", paid.cookie()).status()).isEqualTo(404);
  }
}
