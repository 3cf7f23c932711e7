package cn.reportpost.testing;

import io.vertx.core.json.JsonObject;

import static org.assertj.core.api.Assertions.assertThat;

/** Stands in for the resident's phone and for WeChat's own behaviour, through the sandbox's controls. */
public final class Sandbox {

  private final TestHttp http;

  Sandbox(String base) {
    this.http = new TestHttp(base);
  }

  public String base() {
    return http.base();
  }

  /** The payer pays; {@code query} like "?notify=false" or "?times=3". */
  public void pay(String orderNo, String query) {
    TestHttp.Response r = http.post("/sandbox/pay/" + orderNo + "/succeed" + query, "application/json", "{}");
    assertThat(r.status()).as("sandbox pay " + orderNo + ": " + r.body()).isBetween(200, 204);
  }

  /** The next {@code count} calls to {@code api} fail with {@code mode}. */
  public void fault(String api, String mode, int count) {
    TestHttp.Response r = http.postJson("/sandbox/faults", new JsonObject().put("api", api).put("mode", mode).put("count", count));
    assertThat(r.status()).as("sandbox fault: " + r.body()).isBetween(200, 204);
  }

  public TestHttp http() {
    return http;
  }
}
