package cn.reportpost.testing;

import io.vertx.core.json.JsonObject;

import static org.assertj.core.api.Assertions.assertThat;

/** Signs a resident in the way the mini-program does: wx.login at the sandbox, then our session route. */
public final class MiniApps {

  private MiniApps() {}

  /** A wx.login code for {@code openid}; {@code extra} may add unionid or errcode. */
  public static String loginCode(Sandbox sandbox, String openid, JsonObject extra) {
    TestHttp.Response r = sandbox.http().postJson("/sandbox/miniapp/login", extra.copy().put("openid", openid));
    assertThat(r.status()).as("sandbox wx.login: " + r.body()).isEqualTo(200);
    return r.json().getString("code");
  }

  /** The Authorization header value of a fresh mini-program session for {@code openid}. */
  public static String signIn(TestHttp http, Sandbox sandbox, String openid) {
    return signIn(http, sandbox, openid, new JsonObject());
  }

  /** As {@link #signIn(TestHttp, Sandbox, String)}, with a unionid or errcode in {@code extra}. */
  public static String signIn(TestHttp http, Sandbox sandbox, String openid, JsonObject extra) {
    TestHttp.Response r = http.postJson("/api/v1/miniapp/session",
        new JsonObject().put("code", loginCode(sandbox, openid, extra)));
    assertThat(r.status()).as("mini-program session: " + r.body()).isEqualTo(200);
    return "Bearer " + r.json().getString("token");
  }

  /** An order of a signed-in mini-program resident ({@code auth}), paid in the mini-program. */
  public static String paidOrder(TestHttp http, Sandbox sandbox, String auth) throws InterruptedException {
    TestHttp.Response created = http.postJson("/api/v1/orders", Orders.body(), "Authorization", auth);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String orderNo = created.json().getString("orderNo");
    TestHttp.Response pay = http.post("/api/v1/orders/" + orderNo + "/pay", "application/json", "{}", "Authorization", auth);
    assertThat(pay.status()).as(pay.body()).isEqualTo(200);
    sandbox.pay(orderNo, "");
    Orders.awaitStatus(http, orderNo, "PAID", "Authorization", auth);
    return orderNo;
  }
}
