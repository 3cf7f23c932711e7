package cn.reportpost.testing;

import io.vertx.core.json.JsonObject;

import java.util.Map;
import java.util.TreeMap;

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

  /**
   * How often the product called each WeChat API so far, order and refund numbers folded, e.g.
   * {"GET /v3/pay/transactions/out-trade-no/{no}": 12}.
   */
  public Map<String, Integer> calls() {
    Map<String, Integer> calls = new TreeMap<>();
    http.get("/sandbox/calls").json().forEach(e -> calls.merge(e.getKey()
        .replaceAll("/out-trade-no/[^/]+", "/out-trade-no/{no}").replaceAll("/refunds/[^/]+$", "/refunds/{no}"),
        ((Number) e.getValue()).intValue(), Integer::sum));
    return calls;
  }

  /** Calls per order number to the API paths containing {@code fragment}, e.g. "/out-trade-no/". */
  public Map<String, Integer> callsPerOrder(String method, String fragment) {
    Map<String, Integer> perOrder = new TreeMap<>();
    http.get("/sandbox/calls").json().forEach(e -> {
      String call = e.getKey();
      int at = call.indexOf(fragment);
      if (call.startsWith(method + " ") && at >= 0) {
        String no = call.substring(at + fragment.length()).split("/")[0];
        perOrder.merge(no, ((Number) e.getValue()).intValue(), Integer::sum);
      }
    });
    return perOrder;
  }

  /** The next {@code count} calls to {@code api} are answered, and carried out, only after {@code delayMillis}. */
  public void slow(String api, long delayMillis, int count) {
    TestHttp.Response r = http.postJson("/sandbox/faults", new JsonObject().put("api", api).put("mode", "slow")
        .put("delayMillis", delayMillis).put("count", count));
    assertThat(r.status()).as("sandbox fault: " + r.body()).isBetween(200, 204);
  }

  public TestHttp http() {
    return http;
  }
}
