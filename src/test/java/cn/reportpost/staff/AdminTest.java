package cn.reportpost.staff;

import cn.reportpost.testing.ReportPostExtension;
import cn.reportpost.testing.Staff;
import cn.reportpost.testing.TestApp;
import cn.reportpost.testing.TestHttp;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** ADMIN's accounts and sites, and the first-admin command of a production install. */
@ExtendWith(ReportPostExtension.class)
class AdminTest {

  @Test
  void anAdminCreatesAnAccountThatSignsInAndDisablingItEndsItsSessions(TestHttp http) {
    Staff admin = Staff.signIn(http, "admin");
    String name = "staff-" + (System.nanoTime() % 100000);
    TestHttp.Response created = admin.post("/api/v1/admin/users",
        Map.of("username", name, "password", "a-long-password", "role", "SITE_STAFF", "siteCode", "TY003"));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    TestHttp.Response login = http.postJson("/api/v1/staff/session", Map.of("username", name, "password", "a-long-password"));
    assertThat(login.json().getString("siteCode")).isEqualTo("TY003");
    String cookie = login.header("Set-Cookie").split(";")[0];
    assertThat(admin.post("/api/v1/admin/users/" + name + "/disable").status()).isEqualTo(200);
    assertThat(http.get("/api/v1/staff/me", "Cookie", cookie).status()).as("session of a disabled account").isEqualTo(401);
    assertThat(http.postJson("/api/v1/staff/session", Map.of("username", name, "password", "a-long-password")).status())
        .isEqualTo(401);
  }

  @Test
  void badAccountsAreRefusedFieldByFieldAndOnlyAdminsManageAccounts(TestHttp http) {
    Staff admin = Staff.signIn(http, "admin");
    TestHttp.Response bad = admin.post("/api/v1/admin/users", Map.of("username", "X", "password", "short", "role", "COURIER"));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().getJsonArray("errors").stream().map(e -> ((JsonObject) e).getString("field")))
        .contains("username", "password", "cityCodes");
    Staff ops = Staff.signIn(http, "ops");
    assertThat(ops.post("/api/v1/admin/users", Map.of("username", "sneaky", "password", "a-long-password", "role", "ADMIN"))
        .status()).isEqualTo(403);
  }

  @Test
  void anAdminChangesAFeeAndResidentsSeeItAtOnce(TestHttp http) throws Exception {
    Staff admin = Staff.signIn(http, "admin");
    JsonObject site = new JsonObject().put("name", "【演示】新设采样点").put("cityCode", "140200").put("address", "大同市平城区新建路9号")
        .put("feeFen", 1800).put("outOfProvinceFeeFen", 2600).put("accepting", true).put("contactPhone", "0352-5551234");
    TestHttp.Response put = http.send("PUT", "/api/v1/admin/sites/DT900", "application/json", site.encode(),
        "Cookie", admin.cookie(), "X-CSRF-Token", admin.csrf());
    assertThat(put.status()).as(put.body()).isEqualTo(200);
    long deadline = System.currentTimeMillis() + 5000;
    TestHttp.Response seen = http.get("/api/v1/sites/DT900");
    while (seen.status() != 200 && System.currentTimeMillis() < deadline) {
      Thread.sleep(50);
      seen = http.get("/api/v1/sites/DT900");
    }
    assertThat(seen.json().getInteger("feeFen")).isEqualTo(1800);
    TestHttp.Response bad = http.send("PUT", "/api/v1/admin/sites/DT901", "application/json",
        site.copy().put("feeFen", -5).put("cityCode", "999999").encode(), "Cookie", admin.cookie(), "X-CSRF-Token", admin.csrf());
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().getJsonArray("errors").stream().map(e -> ((JsonObject) e).getString("field")))
        .contains("feeFen", "cityCode");
  }

  @Test
  void createAdminMakesTheFirstAdminOnceFromTheEnvironment(TestApp app, TestHttp http) throws Exception {
    Map<String, String> env = new HashMap<>(app.env());
    String name = "root" + (System.nanoTime() % 100000);
    env.put("ADMIN_USERNAME", name);
    env.put("ADMIN_PASSWORD", "first-admin-password");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = CreateAdminCommand.run(env, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(http.postJson("/api/v1/staff/session", Map.of("username", name, "password", "first-admin-password"))
        .json().getString("role")).isEqualTo("ADMIN");
    int again = CreateAdminCommand.run(env, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(again).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("is taken");
  }
}
