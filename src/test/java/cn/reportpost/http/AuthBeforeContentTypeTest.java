package cn.reportpost.http;

import cn.reportpost.testing.ReportPostExtension;
import cn.reportpost.testing.Staff;
import cn.reportpost.testing.TestHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** A caller who is not signed in learns that first (401), whatever they sent; the content type is checked after. */
@ExtendWith(ReportPostExtension.class)
class AuthBeforeContentTypeTest {

  @ParameterizedTest
  @CsvSource({
      "POST, /api/v1/orders",
      "POST, /api/v1/orders/RP0000000/cancel",
      "POST, /api/v1/orders/RP0000000/pay",
      "PUT, /api/v1/orders/RP0000000/recipient",
      "POST, /api/v1/staff/orders/RP0000000/unavailable",
      "POST, /api/v1/staff/handovers",
      "POST, /api/v1/staff/handovers/H0000/confirm",
      "POST, /api/v1/staff/orders/RP0000000/waybill",
      "POST, /api/v1/staff/orders/RP0000000/events",
      "POST, /api/v1/staff/events",
      "POST, /api/v1/admin/users",
      "POST, /api/v1/admin/users/someone/password",
      "PUT, /api/v1/admin/sites/TY001",
      "PUT, /api/v1/admin/sites/TY001/poster-code",
      "POST, /api/v1/admin/sites/import",
  })
  void withoutASessionAWrongContentTypeIs401(String method, String path, TestHttp http) {
    TestHttp.Response r = http.send(method, path, "text/plain", "hello");
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.header("Content-Type")).isEqualTo("application/problem+json");
  }

  @Test
  void signedInAWrongContentTypeIs415NamingTheRightOne(TestHttp http) {
    Staff staff = Staff.signIn(http, "staff");
    TestHttp.Response handover = http.send("POST", "/api/v1/staff/handovers", "text/plain", "{\"orderNos\":[]}",
        "Cookie", staff.cookie(), "X-CSRF-Token", staff.csrf());
    assertThat(handover.status()).isEqualTo(415);
    assertThat(handover.json().getString("detail")).contains("application/json").contains("text/plain");

    Staff admin = Staff.signIn(http, "admin");
    TestHttp.Response csv = http.send("POST", "/api/v1/admin/sites/import", "application/json", "{}",
        "Cookie", admin.cookie(), "X-CSRF-Token", admin.csrf());
    assertThat(csv.status()).isEqualTo(415);
    assertThat(csv.json().getString("detail")).contains("text/csv");
  }
}
