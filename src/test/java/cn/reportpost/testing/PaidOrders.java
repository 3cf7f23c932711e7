package cn.reportpost.testing;

import static org.assertj.core.api.Assertions.assertThat;

/** Orders placed and paid the way a resident does it, through OAuth, the API and the sandbox's pay control. */
public final class PaidOrders {

  /** A resident's session and one of their orders. */
  public record Placed(String cookie, String orderNo) {}

  private PaidOrders() {}

  public static Placed place(TestApp app, String siteCode) throws InterruptedException {
    TestHttp http = app.http();
    String cookie = Residents.signIn(http, "oPaid" + System.nanoTime());
    TestHttp.Response created = http.postJson("/api/v1/orders", Orders.body(siteCode, "山西省"), "Cookie", cookie);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String orderNo = created.json().getString("orderNo");
    TestHttp.Response pay = http.post("/api/v1/orders/" + orderNo + "/pay", "application/json", "{}", "Cookie", cookie);
    assertThat(pay.status()).as(pay.body()).isEqualTo(200);
    app.sandbox().pay(orderNo, "");
    Orders.awaitStatus(http, orderNo, "PAID", "Cookie", cookie);
    return new Placed(cookie, orderNo);
  }
}
