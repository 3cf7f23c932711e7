package cn.reportpost.console;

import cn.reportpost.testing.ReportPostExtension;
import cn.reportpost.testing.Staff;
import cn.reportpost.testing.TestHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Who may open the console's pages, and what a page carries for its scripts. */
@ExtendWith(ReportPostExtension.class)
class ConsolePagesTest {

  @Test
  void withoutASessionEveryPageSendsTheBrowserToTheStaffSignInAndBack(TestHttp http) {
    for (ConsolePage page : ConsoleRoutes.PAGES) {
      TestHttp.Response r = http.get(page.path() + "?x=1");
      assertThat(r.status()).as(page.path()).isEqualTo(302);
      assertThat(r.header("Location")).isEqualTo("/staff/login?next=" + page.path().replace("/", "%2F") + "%3Fx%3D1");
    }
    assertThat(http.get("/ops/").status()).isEqualTo(302);
  }

  @Test
  void siteStaffAndCouriersAreRefusedAndOpsCannotOpenAdminPages(TestHttp http) {
    Staff staff = Staff.signIn(http, "staff");
    Staff courier = Staff.signIn(http, "courier");
    Staff ops = Staff.signIn(http, "ops");
    Staff admin = Staff.signIn(http, "admin");
    for (ConsolePage page : ConsoleRoutes.PAGES) {
      assertThat(staff.get(page.path()).status()).as("SITE_STAFF " + page.path()).isEqualTo(403);
      assertThat(courier.get(page.path()).status()).as("COURIER " + page.path()).isEqualTo(403);
      TestHttp.Response asOps = ops.get(page.path());
      assertThat(asOps.status()).as("OPS " + page.path()).isEqualTo(page.adminOnly() ? 403 : 200);
      if (page.adminOnly()) {
        assertThat(asOps.body()).contains("只有管理员");
      }
      assertThat(admin.get(page.path()).status()).as("ADMIN " + page.path()).isEqualTo(200);
    }
    assertThat(staff.get(ConsoleRoutes.PAGES.get(0).path()).body()).contains("无权访问");
  }

  @Test
  void aPageCarriesTheCsrfTokenAndTheNavigationOfTheRole(TestHttp http) {
    Staff ops = Staff.signIn(http, "ops");
    Staff admin = Staff.signIn(http, "admin");
    TestHttp.Response page = ops.get("/ops/notifications");
    assertThat(page.header("Cache-Control")).isEqualTo("no-store");
    assertThat(page.header("Content-Security-Policy")).contains("script-src 'self'");
    assertThat(page.body()).contains("<meta name=\"csrf-token\" content=\"" + ops.csrf() + "\">")
        .contains(">ops<").contains("通知失败").doesNotContain("管理</p>");
    String adminPage = admin.get("/ops/notifications").body();
    for (ConsolePage p : ConsoleRoutes.PAGES) {
      if (p.label() != null) {
        assertThat(adminPage).contains("href=\"" + p.path() + "\"");
      }
    }
    assertThat(ops.get("/ops").header("Location")).isEqualTo(ConsoleRoutes.PAGES.get(0).path());
  }

  @Test
  void assetsAreServedUnderTheVersionTheLayoutNamesAndCachedForAYear(TestHttp http) {
    Staff ops = Staff.signIn(http, "ops");
    Matcher m = Pattern.compile("/ops/assets/([a-f0-9]{12})/console\\.css").matcher(ops.get("/ops/notifications").body());
    assertThat(m.find()).isTrue();
    TestHttp.Response css = http.get(m.group());
    assertThat(css.status()).isEqualTo(200);
    assertThat(css.header("Content-Type")).startsWith("text/css");
    assertThat(css.header("Cache-Control")).contains("immutable");
    TestHttp.Response js = http.get("/ops/assets/" + m.group(1) + "/console.js");
    assertThat(js.body()).contains("Adding a page to the console");
    assertThat(http.get("/ops/assets/" + m.group(1) + "/nothing.js").status()).isEqualTo(404);
    assertThat(http.get("/ops/assets/0000/console.js").header("Cache-Control")).isEqualTo("no-cache");
  }
}
