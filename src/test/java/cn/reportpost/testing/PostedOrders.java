package cn.reportpost.testing;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** Orders paid by a resident, packed by the demo site staff and posted by the demo courier with a fresh waybill. */
public final class PostedOrders {

  /** The resident's session, the order and the EMS waybill it went out with. */
  public record Posted(String cookie, String orderNo, String waybillNo) {}

  private static final AtomicLong WAYBILLS = new AtomicLong(System.currentTimeMillis() % 1_000_000_000L * 1000);

  private PostedOrders() {}

  /** A domestic EMS number (13 digits) no other order of the run carries. */
  public static String waybill() {
    return String.format("5%012d", WAYBILLS.incrementAndGet() % 1_000_000_000_000L);
  }

  public static Posted post(TestApp app, Staff staff, Staff courier) throws InterruptedException {
    PaidOrders.Placed p = PaidOrders.place(app, "TY001");
    assertThat(staff.post("/api/v1/staff/orders/" + p.orderNo() + "/ready").json().getString("status")).isEqualTo("READY");
    TestHttp.Response batch = staff.post("/api/v1/staff/handovers", Map.of("orderNos", List.of(p.orderNo())));
    assertThat(batch.status()).as(batch.body()).isEqualTo(201);
    courier.post("/api/v1/staff/handovers/" + batch.json().getString("handoverNo") + "/confirm",
        Map.of("received", List.of(p.orderNo())));
    String waybill = waybill();
    TestHttp.Response posted = courier.post("/api/v1/staff/orders/" + p.orderNo() + "/waybill", Map.of("waybillNo", waybill));
    assertThat(posted.json().getString("status")).as(posted.body()).isEqualTo("POSTED");
    return new Posted(p.cookie(), p.orderNo(), waybill);
  }
}
