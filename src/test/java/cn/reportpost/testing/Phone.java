package cn.reportpost.testing;

import io.vertx.core.json.JsonObject;

import java.time.Duration;

/**
 * A resident's phone in a drill: signed in once, then reaching whichever instance the load
 * balancer picks. Every request goes through {@link Requests}, so the drill can count answers.
 */
public final class Phone {

  private final Cluster cluster;
  private final Requests requests;
  private final String openid;
  private volatile String cookie;

  private Phone(Cluster cluster, Requests requests, String openid, String cookie) {
    this.cluster = cluster;
    this.requests = requests;
    this.openid = openid;
    this.cookie = cookie;
  }

  /** Signs {@code openid} in through {@code instance} (OAuth with the sandbox). */
  public static Phone signIn(Cluster cluster, Requests requests, int instance, String openid) {
    return new Phone(cluster, requests, openid, Residents.signIn(cluster.http(instance), openid));
  }

  public String openid() {
    return openid;
  }

  /** Signs in again, as the resident would after losing the session (Redis lost it). */
  public void signInAgain(int instance) {
    cookie = Residents.signIn(cluster.http(instance), openid);
  }

  /** POST /api/v1/orders with {@code key} as its Idempotency-Key. */
  public Requests.Answer order(int instance, String key) {
    return requests.call("create", instance, () -> cluster.http(instance).postJson("/api/v1/orders", Orders.body(),
        "Cookie", cookie, "Idempotency-Key", key));
  }

  /** The JSAPI parameters: WeChat Pay's prepay happens behind this. */
  public Requests.Answer prepay(int instance, String orderNo) {
    return requests.call("prepay", instance, () -> cluster.http(instance).post("/api/v1/orders/" + orderNo + "/pay",
        "application/json", "{}", "Cookie", cookie));
  }

  public Requests.Answer cancel(int instance, String orderNo) {
    return requests.call("cancel", instance, () -> cluster.http(instance).post("/api/v1/orders/" + orderNo + "/cancel",
        "application/json", "{}", "Cookie", cookie));
  }

  public Requests.Answer detail(int instance, String orderNo) {
    return requests.call("detail", instance, () -> cluster.http(instance).get("/api/v1/orders/" + orderNo, "Cookie", cookie));
  }

  /** Polls the order's detail until it shows {@code status}; false when {@code patience} ran out first. */
  public boolean awaitStatus(int instance, String orderNo, String status, Duration patience) throws InterruptedException {
    long deadline = System.currentTimeMillis() + patience.toMillis();
    while (System.currentTimeMillis() < deadline) {
      TestHttp.Response r = cluster.http(instance).get("/api/v1/orders/" + orderNo, "Cookie", cookie);
      if (r.status() == 200 && status.equals(r.json().getString("status"))) {
        return true;
      }
      Thread.sleep(200);
    }
    return false;
  }

  /** The order number of a 201 answer, or null. */
  public static String orderNo(Requests.Answer answer) {
    return answer.status() == 201 ? new JsonObject(answer.body()).getString("orderNo") : null;
  }
}
