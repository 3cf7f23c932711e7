package cn.reportpost.shipping;

import cn.reportpost.testing.MiniApps;
import cn.reportpost.testing.Outbox;
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

import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * WeChat's shipping information for orders paid in the mini-program: uploaded once when the
 * courier posts the report, even when WeChat fails and answers get lost, and the receipt reminder
 * once it is delivered.
 */
@ExtendWith(ReportPostExtension.class)
class ShippingInfoTest {

  private final TestApp app;
  private final TestHttp http;
  private final Sandbox sandbox;
  private final Outbox outbox;
  private final Staff staff;
  private final Staff courier;

  ShippingInfoTest(TestApp app, Sandbox sandbox) {
    this.app = app;
    this.http = app.http();
    this.sandbox = sandbox;
    this.outbox = new Outbox(app);
    this.staff = Staff.signIn(http, "staff");
    this.courier = Staff.signIn(http, "courier");
  }

  private static String waybill() {
    return String.format("9%012d", System.nanoTime() % 1_000_000_000_000L);
  }

  /** PAID → READY → handed over → POSTED with {@code waybill}. */
  private void post(String orderNo, String waybill) {
    assertThat(staff.post("/api/v1/staff/orders/" + orderNo + "/ready").json().getString("status")).isEqualTo("READY");
    TestHttp.Response batch = staff.post("/api/v1/staff/handovers", Map.of("orderNos", List.of(orderNo)));
    assertThat(batch.status()).as(batch.body()).isEqualTo(201);
    courier.post("/api/v1/staff/handovers/" + batch.json().getString("handoverNo") + "/confirm",
        Map.of("received", List.of(orderNo)));
    TestHttp.Response posted = courier.post("/api/v1/staff/orders/" + orderNo + "/waybill", Map.of("waybillNo", waybill));
    assertThat(posted.json().getString("status")).as(posted.body()).isEqualTo("POSTED");
  }

  private JsonObject atWeChat(String orderNo) {
    return sandbox.http().get("/sandbox/miniapp/shipping/" + orderNo).json();
  }

  @Test
  void postedUploadsTheShippingInformationOnceThroughFailuresAndALostAnswer() throws Exception {
    String openid = "oMaShip" + System.nanoTime();
    String orderNo = MiniApps.paidOrder(http, sandbox, MiniApps.signIn(http, sandbox, openid));
    sandbox.fault("/wxa/sec/order/upload_shipping_info", "http500", 2);
    String waybill = waybill();
    post(orderNo, waybill);

    assertThat(outbox.settle(orderNo, "SHIPPING_INFO", 5)).isEqualTo("SENT");
    JsonObject wechat = atWeChat(orderNo);
    assertThat(wechat.getInteger("order_state")).isEqualTo(2);
    assertThat(wechat.getJsonArray("uploads")).hasSize(1);
    JsonObject upload = wechat.getJsonArray("uploads").getJsonObject(0);
    JsonObject parcel = upload.getJsonArray("shipping_list").getJsonObject(0);
    assertThat(parcel.getString("tracking_no")).isEqualTo(waybill);
    assertThat(parcel.getString("express_company")).isEqualTo("EMS");
    assertThat(parcel.getString("item_desc")).isEqualTo("核酸检测纸质报告 1 份");
    assertThat(upload.getJsonObject("payer").getString("openid")).isEqualTo(openid);
    assertThat(upload.getJsonObject("order_key").getString("out_trade_no")).isEqualTo(orderNo);
    List<JsonObject> log = outbox.log(orderNo, "SHIPPING_INFO");
    assertThat(log).extracting(l -> l.getBoolean("ok")).containsExactly(false, false, true);

    // The upload went through but the worker died before recording it: the row is due again.
    app.app().services().pool().preparedQuery(
            "UPDATE notification_outbox SET status = 'PENDING', attempts = 3 WHERE order_no = $1 AND kind = 'SHIPPING_INFO'")
        .execute(Tuple.of(orderNo)).await(5, TimeUnit.SECONDS);
    assertThat(outbox.settle(orderNo, "SHIPPING_INFO", 3)).isEqualTo("SENT");
    assertThat(atWeChat(orderNo).getJsonArray("uploads")).as("still one upload").hasSize(1);
    assertThat(outbox.log(orderNo, "SHIPPING_INFO").get(3).getString("answer")).contains("already uploaded");
  }

  @Test
  void deliveredAsksWeChatToRemindThePayerToConfirmReceipt() throws Exception {
    String orderNo = MiniApps.paidOrder(http, sandbox, MiniApps.signIn(http, sandbox, "oMaDeliv" + System.nanoTime()));
    post(orderNo, waybill());
    assertThat(outbox.settle(orderNo, "SHIPPING_INFO", 3)).isEqualTo("SENT");
    OffsetDateTime at = OffsetDateTime.now().minusMinutes(2).truncatedTo(ChronoUnit.SECONDS);
    String[] stages = {"IN_TRANSIT", "OUT_FOR_DELIVERY", "DELIVERED"};
    for (int i = 0; i < stages.length; i++) {
      TestHttp.Response r = courier.post("/api/v1/staff/orders/" + orderNo + "/events", new JsonObject()
          .put("eventId", "ev-" + orderNo + "-" + i).put("type", stages[i]).put("at", at.plusSeconds(i - 2L).toString())
          .put("location", "长风街100号").put("note", ""));
      assertThat(r.json().getString("status")).as(r.body()).isEqualTo(stages[i]);
    }

    assertThat(outbox.settle(orderNo, "RECEIPT_REMINDER", 3)).isEqualTo("SENT");
    JsonObject wechat = atWeChat(orderNo);
    assertThat(wechat.getJsonArray("reminders")).hasSize(1);
    assertThat(wechat.getJsonArray("reminders").getJsonObject(0).getLong("received_time")).isEqualTo(at.toEpochSecond());
  }

  @Test
  void anOrderPaidOnTheOfficialAccountHasNoShippingUpload() throws Exception {
    PaidOrders.Placed p = PaidOrders.place(app, "TY001");
    post(p.orderNo(), waybill());
    assertThat(outbox.row(p.orderNo(), "POSTED")).as("the resident's message").isNotNull();
    assertThat(outbox.row(p.orderNo(), "SHIPPING_INFO")).isNull();
  }
}
