package cn.reportpost.testing;

import cn.reportpost.dev.DemoData;
import io.vertx.core.json.JsonObject;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A signed-in staff user: their cookie and CSRF token, sent on every request. */
public record Staff(TestHttp http, String cookie, String csrf) {

  public static Staff signIn(TestHttp http, String username) {
    TestHttp.Response r = http.postJson("/api/v1/staff/session", Map.of("username", username, "password", DemoData.PASSWORD));
    assertThat(r.status()).as("sign in " + username + ": " + r.body()).isEqualTo(200);
    return new Staff(http, r.header("Set-Cookie").split(";")[0], r.json().getString("csrfToken"));
  }

  public TestHttp.Response get(String path) {
    return http.get(path, "Cookie", cookie);
  }

  public TestHttp.Response post(String path, Object body) {
    return http.postJson(path, body, "Cookie", cookie, "X-CSRF-Token", csrf);
  }

  public TestHttp.Response post(String path) {
    return post(path, new JsonObject());
  }

  public TestHttp.Response put(String path, Object body) {
    return http.send("PUT", path, "application/json", io.vertx.core.json.Json.encode(body), "Cookie", cookie,
        "X-CSRF-Token", csrf);
  }

  public TestHttp.Response delete(String path) {
    return http.send("DELETE", path, null, null, "Cookie", cookie, "X-CSRF-Token", csrf);
  }
}
