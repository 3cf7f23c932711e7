package cn.reportpost.order;

import cn.reportpost.testing.Orders;
import cn.reportpost.testing.ReportPostExtension;
import cn.reportpost.testing.Residents;
import cn.reportpost.testing.TestApp;
import cn.reportpost.testing.TestHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A resident's cancel, pay and address change take JSON only, and when a browser names the page's
 * origin it must be ours: a form on another site cannot make them with the resident's cookie.
 */
@ExtendWith(ReportPostExtension.class)
class ResidentStateChangeRulesTest {

  private static final String FORM = "application/x-www-form-urlencoded";

  private final TestHttp http;
  private final String ours;

  ResidentStateChangeRulesTest(TestApp app) {
    this.http = app.http();
    this.ours = app.app().services().config().string("http.publicBaseUrl");
  }

  private record Placed(String cookie, String path) {}

  private Placed place() {
    String cookie = Residents.signIn(http, "oRules" + System.nanoTime());
    TestHttp.Response created = http.postJson("/api/v1/orders", Orders.body(), "Cookie", cookie);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return new Placed(cookie, "/api/v1/orders/" + created.json().getString("orderNo"));
  }

  private String recipient() {
    return Orders.body().getJsonObject("recipient").put("address", "新建路8号").encode();
  }

  private String status(Placed order) {
    return http.get(order.path(), "Cookie", order.cookie()).json().getString("status");
  }

  @Test
  void cancelPayAndAddressChangeRefuseAnythingButJson() {
    Placed order = place();
    TestHttp.Response formCancel = http.post(order.path() + "/cancel", FORM, "status=CANCELLED", "Cookie", order.cookie());
    TestHttp.Response bareCancel = http.send("POST", order.path() + "/cancel", null, null, "Cookie", order.cookie());
    TestHttp.Response formPay = http.post(order.path() + "/pay", FORM, "", "Cookie", order.cookie());
    TestHttp.Response textRecipient = http.send("PUT", order.path() + "/recipient", "text/plain", recipient(),
        "Cookie", order.cookie());
    for (TestHttp.Response r : new TestHttp.Response[] {formCancel, bareCancel, formPay, textRecipient}) {
      assertThat(r.status()).isEqualTo(415);
      assertThat(r.header("Content-Type")).isEqualTo("application/problem+json");
      assertThat(r.json().getString("detail")).contains("application/json");
    }
    assertThat(status(order)).isEqualTo("PENDING_PAYMENT");
  }

  @Test
  void anotherSitesOriginIsRefused() {
    Placed order = place();
    for (String origin : new String[] {"https://evil.example", "null", ours + ".evil.example", ours.replace("http:", "https:")}) {
      String[] headers = {"Cookie", order.cookie(), "Origin", origin};
      assertThat(http.postJson(order.path() + "/cancel", "{}", headers).status()).as("cancel from " + origin).isEqualTo(403);
      assertThat(http.postJson(order.path() + "/pay", "{}", headers).status()).as("pay from " + origin).isEqualTo(403);
      assertThat(http.send("PUT", order.path() + "/recipient", "application/json", recipient(), headers).status())
          .as("address from " + origin).isEqualTo(403);
    }
    assertThat(status(order)).isEqualTo("PENDING_PAYMENT");
  }

  @Test
  void ourOwnPagesOriginIsAccepted() {
    Placed order = place();
    String[] headers = {"Cookie", order.cookie(), "Origin", ours};
    TestHttp.Response changed = http.send("PUT", order.path() + "/recipient", "application/json; charset=utf-8", recipient(),
        headers);
    assertThat(changed.status()).as(changed.body()).isEqualTo(200);
    TestHttp.Response pay = http.postJson(order.path() + "/pay", "{}", headers);
    assertThat(pay.status()).as(pay.body()).isEqualTo(200);
    TestHttp.Response cancel = http.send("POST", order.path() + "/cancel", "application/json", null, headers);
    assertThat(cancel.status()).as(cancel.body()).isEqualTo(200);
    assertThat(cancel.json().getString("status")).isEqualTo("CANCELLED");
  }
}
