package cn.reportpost.staff;

import cn.reportpost.dev.DemoData;
import cn.reportpost.testing.ReportPostExtension;
import cn.reportpost.testing.TestHttp;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(ReportPostExtension.class)
class StaffSignInTest {

  private static final String LOGIN = "/api/v1/staff/session";

  @Test
  void eachDemoAccountSignsInAndSeesItsRoleAndScope(TestHttp http) {
    Map<String, String> roles = Map.of("admin", "ADMIN", "ops", "OPS", "courier", "COURIER", "staff", "SITE_STAFF");
    roles.forEach((username, role) -> {
      TestHttp.Response login = http.postJson(LOGIN, Map.of("username", username, "password", DemoData.PASSWORD));
      assertThat(login.status()).as(username).isEqualTo(200);
      assertThat(login.json().getString("role")).isEqualTo(role);
      assertThat(login.json().getString("csrfToken")).isNotBlank();
      String cookie = login.header("Set-Cookie");
      assertThat(cookie).contains("rp_staff=").containsIgnoringCase("HttpOnly").contains("SameSite=Strict");
      JsonObject me = http.get("/api/v1/staff/me", "Cookie", cookie.split(";")[0]).json();
      assertThat(me.getString("username")).isEqualTo(username);
    });
    JsonObject staff = http.postJson(LOGIN, Map.of("username", "staff", "password", DemoData.PASSWORD)).json();
    assertThat(staff.getString("siteCode")).isEqualTo(DemoData.DEMO_SITE);
    JsonObject courier = http.postJson(LOGIN, Map.of("username", "courier", "password", DemoData.PASSWORD)).json();
    assertThat(courier.getJsonArray("cityCodes").getList()).containsExactly("140100");
  }

  @Test
  void signOutNeedsTheCsrfTokenAndEndsTheSession(TestHttp http) {
    TestHttp.Response login = http.postJson(LOGIN, Map.of("username", "ops", "password", DemoData.PASSWORD));
    String cookie = login.header("Set-Cookie").split(";")[0];
    String csrf = login.json().getString("csrfToken");

    TestHttp.Response forged = http.send("DELETE", LOGIN, null, null, "Cookie", cookie);
    assertThat(forged.status()).isEqualTo(403);
    assertThat(forged.json().getString("detail")).contains("X-CSRF-Token");
    assertThat(http.get("/api/v1/staff/me", "Cookie", cookie).status()).isEqualTo(200);

    assertThat(http.send("DELETE", LOGIN, null, null, "Cookie", cookie, "X-CSRF-Token", csrf).status()).isEqualTo(204);
    assertThat(http.get("/api/v1/staff/me", "Cookie", cookie).status()).isEqualTo(401);
  }

  @Test
  void withoutASessionMeIs401(TestHttp http) {
    assertThat(http.get("/api/v1/staff/me").status()).isEqualTo(401);
    assertThat(http.get("/api/v1/staff/me", "Cookie", "rp_staff=forged-token").status()).isEqualTo(401);
  }

  @Test
  void aWrongPasswordIs401AndRepeatedFailuresLockTheAccount(TestHttp http) {
    // "courier" is used by other tests, so lock a separate, unknown username: unknown and wrong look alike.
    String user = "nobody-" + System.nanoTime() % 100000;
    for (int i = 0; i < 5; i++) {
      TestHttp.Response r = http.postJson(LOGIN, Map.of("username", user, "password", "wrong"));
      assertThat(r.status()).isEqualTo(401);
      assertThat(r.json().getString("detail")).isEqualTo("wrong username or password");
    }
    TestHttp.Response locked = http.postJson(LOGIN, Map.of("username", user, "password", "wrong"));
    assertThat(locked.status()).isEqualTo(429);
    assertThat(Long.parseLong(locked.header("Retry-After"))).isPositive();
  }

  @Test
  void missingFieldsAreNamed(TestHttp http) {
    TestHttp.Response r = http.postJson(LOGIN, Map.of("username", 42));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().getJsonArray("errors").stream().map(e -> ((JsonObject) e).getString("field")))
        .containsExactlyInAnyOrder("username", "password");
  }
}
