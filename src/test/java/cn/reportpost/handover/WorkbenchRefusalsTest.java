package cn.reportpost.handover;

import cn.reportpost.testing.ReportPostExtension;
import cn.reportpost.testing.Staff;
import cn.reportpost.testing.TestApp;
import cn.reportpost.testing.TestHttp;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every route the workbench added, for every role that may not use it, and without a session or
 * without the CSRF token: refused, with the stable title. (A handover number that does not exist
 * still answers 403 to a role that may not touch batches: the role is checked before the batch.)
 */
@ExtendWith(ReportPostExtension.class)
class WorkbenchRefusalsTest {

  private static final Map<String, Object> ORDERS = Map.of("orderNos", List.of("RP0000000000"));

  private final TestApp app;

  WorkbenchRefusalsTest(TestApp app) {
    this.app = app;
  }

  private static TestHttp.Response call(Staff s, String method, String path) {
    return switch (method) {
      case "GET" -> s.get(path);
      case "POST" -> s.post(path, ORDERS);
      case "PUT" -> s.put(path, ORDERS);
      default -> s.delete(path);
    };
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @CsvSource({
      "courier, POST, /api/v1/staff/labels",
      "ops, POST, /api/v1/staff/labels",
      "admin, POST, /api/v1/staff/labels",
      "courier, PUT, /api/v1/staff/handovers/H000000AAAAAA",
      "ops, PUT, /api/v1/staff/handovers/H000000AAAAAA",
      "admin, PUT, /api/v1/staff/handovers/H000000AAAAAA",
      "courier, DELETE, /api/v1/staff/handovers/H000000AAAAAA",
      "ops, DELETE, /api/v1/staff/handovers/H000000AAAAAA",
      "admin, DELETE, /api/v1/staff/handovers/H000000AAAAAA",
      "staff, GET, /api/v1/staff/orders?site=TY002",
      "courier, GET, /api/v1/staff/orders?site=TY001",
  })
  void aRoleThatMayNotUseTheRouteIsRefused(String user, String method, String path) {
    TestHttp.Response r = call(Staff.signIn(app.http(), user), method, path);
    assertThat(r.status()).as(r.body()).isEqualTo(403);
    assertThat(r.json().getString("title")).isEqualTo("Forbidden");
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
      "GET, /api/v1/staff/orders",
      "POST, /api/v1/staff/labels",
      "PUT, /api/v1/staff/handovers/H000000AAAAAA",
      "DELETE, /api/v1/staff/handovers/H000000AAAAAA",
      "GET, /api/v1/staff/me",
  })
  void withoutASessionEveryRouteIsRefused(String method, String path) {
    TestHttp.Response r = call(new Staff(app.http(), "rp_staff=none", "x"), method, path);
    assertThat(r.status()).isEqualTo(401);
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
      "POST, /api/v1/staff/labels",
      "PUT, /api/v1/staff/handovers/H000000AAAAAA",
      "DELETE, /api/v1/staff/handovers/H000000AAAAAA",
  })
  void aChangeWithoutTheCsrfTokenIsRefused(String method, String path) {
    Staff signedIn = Staff.signIn(app.http(), "staff");
    TestHttp.Response r = call(new Staff(app.http(), signedIn.cookie(), "wrong"), method, path);
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.body()).contains("X-CSRF-Token");
  }

  @Test
  void meGivesThePageItsUserRoleSiteAndCsrfToken() {
    Staff staff = Staff.signIn(app.http(), "staff");
    TestHttp.Response me = staff.get("/api/v1/staff/me");
    assertThat(me.json().getString("username")).isEqualTo("staff");
    assertThat(me.json().getString("role")).isEqualTo("SITE_STAFF");
    assertThat(me.json().getString("siteCode")).isEqualTo("TY001");
    assertThat(me.json().getString("csrfToken")).isEqualTo(staff.csrf());
    assertThat(me.header("Cache-Control")).isEqualTo("no-store");
  }

  @Test
  void anotherSitesBatchCannotBeEditedOrCancelled() throws Exception {
    Staff staff = Staff.signIn(app.http(), "staff");
    String orderNo = cn.reportpost.testing.PaidOrders.place(app, "TY001").orderNo();
    assertThat(staff.post("/api/v1/staff/orders/" + orderNo + "/ready").status()).isEqualTo(200);
    String handoverNo = staff.post("/api/v1/staff/handovers", Map.of("orderNos", List.of(orderNo))).json().getString("handoverNo");
    Staff other = cn.reportpost.testing.Accounts.create(app, "staff-ty031", "SITE_STAFF", "TY031", List.of());
    assertThat(other.put("/api/v1/staff/handovers/" + handoverNo, Map.of("orderNos", List.of(orderNo))).status()).isEqualTo(404);
    assertThat(other.delete("/api/v1/staff/handovers/" + handoverNo).status()).isEqualTo(404);
    assertThat(staff.get("/api/v1/staff/handovers/" + handoverNo).json().getString("status")).isEqualTo("OPEN");
    assertThat(staff.delete("/api/v1/staff/handovers/" + handoverNo).status()).isEqualTo(200);
  }
}
