package cn.reportpost.handover;

import cn.reportpost.testing.Accounts;
import cn.reportpost.testing.PaidOrders;
import cn.reportpost.testing.QueueOrders;
import cn.reportpost.testing.ReportPostExtension;
import cn.reportpost.testing.Staff;
import cn.reportpost.testing.TestApp;
import cn.reportpost.testing.TestHttp;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The staff queue: oldest first, page by page with an opaque cursor, searched without opening personal data. */
@ExtendWith(ReportPostExtension.class)
class StaffQueueTest {

  private final TestApp app;

  StaffQueueTest(TestApp app) {
    this.app = app;
  }

  private static List<JsonObject> items(TestHttp.Response r) {
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json().getJsonArray("items").stream().map(o -> (JsonObject) o).toList();
  }

  @Test
  void pagesWalkTheWholeQueueOldestFirstWithoutRepeatsOrGapsWhileOrdersArrive() throws Exception {
    Staff staff = Accounts.create(app, "staff-ty020", "SITE_STAFF", "TY020", List.of());
    PaidOrders.Placed template = PaidOrders.place(app, "TY020");
    List<String> older = QueueOrders.copies(app, template.orderNo(), "QA", 230, 60, 3600);
    List<String> seen = new ArrayList<>();
    List<JsonObject> all = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      TestHttp.Response r = staff.get("/api/v1/staff/orders?status=PAID&limit=40" + (cursor == null ? "" : "&cursor=" + cursor));
      List<JsonObject> page = items(r);
      page.forEach(o -> seen.add(o.getString("orderNo")));
      all.addAll(page);
      cursor = r.json().getString("nextCursor");
      // Orders keep arriving while staff page through: ten made now, at the end of the queue.
      if (pages < 3) {
        QueueOrders.copies(app, template.orderNo(), "QN" + pages, 10, 1, 0);
      }
      pages++;
    } while (cursor != null && pages < 50);
    assertThat(seen).as("no order twice").doesNotHaveDuplicates();
    assertThat(seen.subList(0, older.size())).as("the older orders first, oldest first").isEqualTo(older);
    assertThat(seen).contains(template.orderNo(), "QN0000001", "QN2000010");
    assertThat(all).isSortedAccordingTo(Comparator.<JsonObject, String>comparing(o -> o.getString("createdAt"))
        .thenComparing(o -> o.getString("orderNo")));
    assertThat(seen).hasSize(older.size() + 1 + 30);
    assertThat(all.get(0).getJsonObject("patient").getString("name")).isEqualTo("张三");
    assertThat(all.get(0).getString("paidAt")).isNotNull();
  }

  @Test
  void searchFindsByOrderNumberPatientNameAndPhoneTailWithinTheSiteOnly() throws Exception {
    Staff staff = Accounts.create(app, "staff-ty021", "SITE_STAFF", "TY021", List.of());
    PaidOrders.Placed mine = PaidOrders.place(app, "TY021");
    PaidOrders.Placed other = PaidOrders.place(app, "TY022");
    assertThat(items(staff.get("/api/v1/staff/orders?q=" + mine.orderNo())).stream().map(o -> o.getString("orderNo")))
        .containsExactly(mine.orderNo());
    assertThat(items(staff.get("/api/v1/staff/orders?q=" + mine.orderNo().substring(0, 8).toLowerCase()))
        .stream().map(o -> o.getString("orderNo"))).contains(mine.orderNo());
    assertThat(items(staff.get("/api/v1/staff/orders?q=" + other.orderNo()))).isEmpty();
    String name = java.net.URLEncoder.encode(" 张 三 ", java.nio.charset.StandardCharsets.UTF_8);
    assertThat(items(staff.get("/api/v1/staff/orders?q=" + name)).stream().map(o -> o.getString("orderNo")))
        .containsExactly(mine.orderNo());
    assertThat(items(staff.get("/api/v1/staff/orders?q=" + java.net.URLEncoder.encode("王五", java.nio.charset.StandardCharsets.UTF_8))))
        .isEmpty();
    // 5678 ends the recipient's phone (139…5678); 1111 ends no phone of this order.
    assertThat(items(staff.get("/api/v1/staff/orders?q=5678")).stream().map(o -> o.getString("orderNo")))
        .containsExactly(mine.orderNo());
    assertThat(items(staff.get("/api/v1/staff/orders?q=1111"))).isEmpty();
  }

  @Test
  void badPagingInputIsRefusedNamingTheField() {
    Staff staff = Staff.signIn(app.http(), "staff");
    for (String query : List.of("limit=201", "limit=0", "limit=x", "cursor=not-a-cursor", "status=LOST")) {
      TestHttp.Response r = staff.get("/api/v1/staff/orders?" + query);
      assertThat(r.status()).as(query).isEqualTo(400);
      assertThat(r.body()).contains(query.split("=")[0]);
    }
    assertThat(items(staff.get("/api/v1/staff/orders?limit=200"))).hasSizeLessThanOrEqualTo(200);
  }

  @Test
  void opsAndAdminNarrowToOneSiteAndSiteStaffMayNotAskForAnother() throws Exception {
    PaidOrders.Placed p = PaidOrders.place(app, "TY023");
    Staff ops = Staff.signIn(app.http(), "ops");
    Staff admin = Staff.signIn(app.http(), "admin");
    for (Staff s : List.of(ops, admin)) {
      List<JsonObject> items = items(s.get("/api/v1/staff/orders?site=TY023"));
      assertThat(items).isNotEmpty().allSatisfy(o -> assertThat(o.getJsonObject("site").getString("code")).isEqualTo("TY023"));
      assertThat(items.stream().map(o -> o.getString("orderNo"))).contains(p.orderNo());
    }
    Staff staff = Staff.signIn(app.http(), "staff");
    assertThat(staff.get("/api/v1/staff/orders?site=TY023").status()).isEqualTo(403);
    Staff courier = Staff.signIn(app.http(), "courier");
    assertThat(courier.get("/api/v1/staff/orders?site=TY023").status()).isEqualTo(403);
  }

  @Test
  void anAddressChangeAfterPackingIsFlaggedOnTheTimelineAndTheAuditAndAReprintClearsIt() throws Exception {
    Staff staff = Accounts.create(app, "staff-ty024", "SITE_STAFF", "TY024", List.of());
    PaidOrders.Placed p = PaidOrders.place(app, "TY024");
    TestHttp http = app.http();
    // Before packing the envelope is not labelled yet: nothing to reprint.
    JsonObject recipient = cn.reportpost.testing.Orders.body("TY024", "山西省").getJsonObject("recipient");
    assertThat(http.send("PUT", "/api/v1/orders/" + p.orderNo() + "/recipient", "application/json",
        recipient.copy().put("address", "长风街1号").encode(), "Cookie", p.cookie()).status()).isEqualTo(200);
    assertThat(queued(staff, p.orderNo()).getBoolean("reprintNeeded")).isFalse();

    PrintedPapersTest.labels(app, staff, "THERMAL_100X150", List.of(p.orderNo()));
    assertThat(queued(staff, p.orderNo()).getString("labelPrintedAt")).isNotNull();
    assertThat(staff.post("/api/v1/staff/orders/" + p.orderNo() + "/ready").status()).isEqualTo(200);
    assertThat(http.send("PUT", "/api/v1/orders/" + p.orderNo() + "/recipient", "application/json",
        recipient.copy().put("address", "长风街2号").encode(), "Cookie", p.cookie()).status()).isEqualTo(200);
    assertThat(queued(staff, p.orderNo()).getBoolean("reprintNeeded")).isTrue();
    JsonObject detail = http.get("/api/v1/orders/" + p.orderNo(), "Cookie", p.cookie()).json();
    assertThat(detail.getJsonArray("timeline").stream().map(e -> ((JsonObject) e).getString("note")))
        .contains("收件地址已变更，需重新打印标签");
    var audit = app.app().services().pool().preparedQuery("SELECT actor, role FROM audit_log WHERE action = 'order.recipient-changed' AND target = $1")
        .execute(io.vertx.sqlclient.Tuple.of(p.orderNo())).await(5, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(audit.size()).isEqualTo(1);
    assertThat(audit.iterator().next().getString("role")).isEqualTo("RESIDENT");

    byte[] pdf = PrintedPapersTest.labels(app, staff, "A4_3X7", List.of(p.orderNo()));
    assertThat(pdf).isNotEmpty();
    assertThat(queued(staff, p.orderNo()).getBoolean("reprintNeeded")).isFalse();
  }

  @Test
  void theCouriersListShowsAnAddressChangedAfterHandover() throws Exception {
    Staff staff = Staff.signIn(app.http(), "staff");
    Staff courier = Staff.signIn(app.http(), "courier");
    PaidOrders.Placed p = PaidOrders.place(app, "TY001");
    assertThat(staff.post("/api/v1/staff/orders/" + p.orderNo() + "/ready").status()).isEqualTo(200);
    String handoverNo = staff.post("/api/v1/staff/handovers", Map.of("orderNos", List.of(p.orderNo()))).json().getString("handoverNo");
    assertThat(courier.post("/api/v1/staff/handovers/" + handoverNo + "/confirm", Map.of("received", List.of(p.orderNo())))
        .status()).isEqualTo(200);
    JsonObject recipient = cn.reportpost.testing.Orders.body().getJsonObject("recipient").copy().put("address", "新建路9号");
    assertThat(app.http().send("PUT", "/api/v1/orders/" + p.orderNo() + "/recipient", "application/json", recipient.encode(),
        "Cookie", p.cookie()).status()).isEqualTo(200);
    JsonObject seen = items(courier.get("/api/v1/staff/orders?status=HANDED_OVER&q=" + p.orderNo())).get(0);
    assertThat(seen.getBoolean("reprintNeeded")).isTrue();
    assertThat(seen.getJsonObject("recipient").getString("address")).isEqualTo("新建路9号");
  }

  private static JsonObject queued(Staff staff, String orderNo) {
    List<JsonObject> found = items(staff.get("/api/v1/staff/orders?q=" + orderNo));
    assertThat(found).hasSize(1);
    return found.get(0);
  }
}
