package cn.reportpost.courier;

import cn.reportpost.dev.DemoData;
import cn.reportpost.order.model.WaybillNumber;
import cn.reportpost.testing.Browser;
import cn.reportpost.testing.PaidOrders;
import cn.reportpost.testing.ReportPostExtension;
import cn.reportpost.testing.Staff;
import cn.reportpost.testing.TestApp;
import cn.reportpost.testing.TestHttp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A courier's day in the app at 375×667 inside WeChat: pick up a batch by scanning its sheet
 * (through the sandbox's wx.scanQRCode), tick envelopes, post with waybills, deliver; then the
 * same without signal, through a reload, until the network returns.
 */
@Tag("browser")
@ExtendWith(ReportPostExtension.class)
class CourierAppBrowserTest {

  @Test
  void aCourierPicksUpPostsAndDeliversAndNothingIsLostOffline(TestApp app) throws Exception {
    TestHttp http = app.http();
    Staff staff = Staff.signIn(http, "staff");
    PaidOrders.Placed a = PaidOrders.place(app, "TY001");
    PaidOrders.Placed b = PaidOrders.place(app, "TY001");
    PaidOrders.Placed c = PaidOrders.place(app, "TY001");
    for (PaidOrders.Placed p : List.of(a, b, c)) {
      assertThat(staff.post("/api/v1/staff/orders/" + p.orderNo() + "/ready").status()).isEqualTo(200);
    }
    String handoverNo = staff.post("/api/v1/staff/handovers", Map.of("orderNos", List.of(a.orderNo(), b.orderNo(), c.orderNo())))
        .json().getString("handoverNo");

    try (Browser br = Browser.wechatPhone()) {
      br.open(http.base() + "/courier/");
      br.await("the sign-in form", d -> br.find("#login").isDisplayed());
      br.type("username", "courier");
      br.type("password", DemoData.PASSWORD);
      br.tap("#login-submit");
      br.await("the app", d -> br.find("#tab-pickup").isDisplayed());
      br.await("the open batch listed", d -> br.text("#batches").contains(handoverNo));
      br.screenshot("courier-1-pickup");

      // Pick up: the sheet's QR code, then one envelope scanned and one ticked by hand.
      scan(br, "#scan-sheet", handoverNo);
      br.await("the batch opened", d -> br.find("#batch").isDisplayed());
      assertThat(br.text("#batch-count")).isEqualTo("3");
      scan(br, "#scan-envelope", "CODE_128," + a.orderNo());
      br.await("the scanned envelope ticked", d -> "1".equals(br.text("#batch-received")));
      br.tap("[name='received'][value='" + b.orderNo() + "']");
      assertThat(br.text("#batch-received")).isEqualTo("2");
      br.screenshot("courier-2-ticked");
      br.tap("#confirm-batch");
      br.await("the confirmation", d -> br.text("#toast").contains("未收到 1 封"));
      JsonObject batch = staff.get("/api/v1/staff/handovers/" + handoverNo).json();
      assertThat(batch.getString("status")).isEqualTo("CONFIRMED");
      assertThat(batch.getJsonArray("missing").getList()).containsExactly(c.orderNo());

      // Post: a wrong check digit is refused on the page, before any request.
      br.open(http.base() + "/courier/#post");
      String serial = String.format("%08d", System.nanoTime() % 100_000_000L);
      char check = WaybillNumber.s10CheckDigit(serial);
      String wrong = "EE" + serial + (char) ('0' + (check - '0' + 1) % 10) + "CN";
      String waybillA = "EE" + serial + check + "CN";
      String waybillB = String.format("9%012d", System.nanoTime() % 1_000_000_000_000L);
      br.await("the envelope to post", d -> !br.driver().findElements(
          org.openqa.selenium.By.cssSelector("[name='waybill-" + a.orderNo() + "']")).isEmpty());
      br.type("waybill-" + a.orderNo(), wrong);
      br.tap("[data-waybill='" + a.orderNo() + "']");
      br.await("the check-digit error", d -> br.find("#waybill-error-" + a.orderNo()).isDisplayed());
      assertThat(br.text("#waybill-error-" + a.orderNo())).contains("校验位");
      assertThat(status(http, a)).isEqualTo("HANDED_OVER");
      br.screenshot("courier-3-wrong-check-digit");
      br.type("waybill-" + a.orderNo(), waybillA.substring(0, 4) + " " + waybillA.substring(4));
      br.tap("[data-waybill='" + a.orderNo() + "']");
      br.await("A posted", d -> br.text("#toast").contains(waybillA));
      br.await("B listed alone", d -> br.driver().findElements(
          org.openqa.selenium.By.cssSelector("#post-list [name='waybill-" + a.orderNo() + "']")).isEmpty());
      br.type("waybill-" + b.orderNo(), waybillB);
      br.tap("[data-waybill='" + b.orderNo() + "']");
      br.await("B posted", d -> br.text("#toast").contains(waybillB));
      br.await("A and B posted on the server", d -> "POSTED".equals(status(http, a)) && "POSTED".equals(status(http, b)));

      // Deliver online: the recipient, the call button, one tap for the first step.
      br.open(http.base() + "/courier/#deliver");
      tap(br, a, "IN_TRANSIT");
      br.await("A sealed and dispatched", d -> "IN_TRANSIT".equals(status(http, a)));
      br.await("A shown as dispatched", d -> !br.driver().findElements(org.openqa.selenium.By.cssSelector(
          "[data-order-no='" + a.orderNo() + "'][data-step='OUT_FOR_DELIVERY']")).isEmpty());
      String card = "#deliver-list [data-order='" + a.orderNo() + "']";
      assertThat(br.text(card)).contains("李四").contains("长风街100号2单元301").contains("139****5678");
      br.tap(card + " [data-call]");
      br.await("the full phone", d -> br.text("#phone-" + a.orderNo()).equals("13912345678"));
      br.await("the call link", d -> br.find(card + " a[href='tel:13912345678']").isDisplayed());
      br.screenshot("courier-4-deliver");

      // Offline: five steps queued, a reload without signal, then the network returns.
      br.await("the service worker in control", d -> Boolean.TRUE.equals(br.script("return !!navigator.serviceWorker.controller")));
      br.network(false);
      Object probe = br.driver().executeAsyncScript("const done = arguments[arguments.length - 1];"
          + "fetch('/courier/sw.js?probe=' + Date.now()).then(r => done('answered ' + r.status), e => done('failed'));");
      assertThat(probe).as("the service worker is offline too, so the shell it serves next comes from its cache")
          .isEqualTo("failed");
      br.find("[name='place']").sendKeys("小店区投递部");
      tap(br, a, "OUT_FOR_DELIVERY");
      tap(br, a, "DELIVERED");
      tap(br, b, "IN_TRANSIT");
      tap(br, b, "OUT_FOR_DELIVERY");
      br.choose("reason-" + b.orderNo(), "收件人不在");
      tap(br, b, "DELIVERY_FAILED");
      br.await("five waiting", d -> "5".equals(br.text("#queue-count")));
      br.await("shown offline", d -> "离线".equals(br.text("#net")));
      assertThat(status(http, a)).isEqualTo("IN_TRANSIT");
      br.screenshot("courier-5-offline-queue");

      br.driver().navigate().refresh();
      br.await("the shell from the cache", d -> br.find("#tab-deliver").isDisplayed());
      br.await("the queue survived the reload", d -> "5".equals(br.text("#queue-count")));
      assertThat(br.text("#deliver-list")).contains(a.orderNo()).contains(b.orderNo()).contains("待发送");
      assertThat(status(http, b)).isEqualTo("POSTED");
      br.screenshot("courier-6-offline-reload");

      br.network(true);
      br.await("the queue sent", d -> "0".equals(br.text("#queue-count")));
      br.screenshot("courier-7-back-online");
    }

    assertThat(status(http, a)).isEqualTo("DELIVERED");
    assertThat(status(http, b)).isEqualTo("DELIVERY_FAILED");
    assertThat(timeline(http, a)).containsExactly("PENDING_PAYMENT", "PAID", "READY", "HANDED_OVER", "POSTED", "IN_TRANSIT",
        "OUT_FOR_DELIVERY", "DELIVERED");
    assertThat(timeline(http, b)).containsExactly("PENDING_PAYMENT", "PAID", "READY", "HANDED_OVER", "POSTED", "IN_TRANSIT",
        "OUT_FOR_DELIVERY", "DELIVERY_FAILED");
    JsonArray events = http.get("/api/v1/orders/" + b.orderNo(), "Cookie", b.cookie()).json().getJsonArray("timeline");
    JsonObject failed = events.getJsonObject(events.size() - 1);
    assertThat(failed.getString("location")).isEqualTo("小店区投递部");
    assertThat(failed.getString("note")).isEqualTo("收件人不在");
    assertThat(status(http, c)).as("the envelope that did not arrive").isEqualTo("READY");
  }

  @Test
  void outsideWeChatTheCodeCanBeTypedIntoTheAppsOwnScanner(TestApp app) throws Exception {
    Staff staff = Staff.signIn(app.http(), "staff");
    PaidOrders.Placed p = PaidOrders.place(app, "TY001");
    assertThat(staff.post("/api/v1/staff/orders/" + p.orderNo() + "/ready").status()).isEqualTo(200);
    String handoverNo = staff.post("/api/v1/staff/handovers", Map.of("orderNos", List.of(p.orderNo()))).json()
        .getString("handoverNo");
    try (Browser br = Browser.phone()) {
      br.open(app.http().base() + "/courier/");
      br.await("the sign-in form", d -> br.find("#login").isDisplayed());
      br.type("username", "courier");
      br.type("password", DemoData.PASSWORD);
      br.tap("#login-submit");
      br.await("the app", d -> br.find("#tab-pickup").isDisplayed());
      br.tap("#scan-sheet");
      br.await("the app's scanner with its input", d -> br.find("#code-input").isDisplayed());
      assertThat(br.driver().findElements(org.openqa.selenium.By.id("wx-scan-input"))).as("no JS-SDK outside WeChat").isEmpty();
      br.find("#code-input").sendKeys(handoverNo.toLowerCase());
      br.tap("#code-ok");
      br.await("the batch opened", d -> br.find("#batch").isDisplayed());
      assertThat(br.text("#batch-no")).isEqualTo(handoverNo);
      br.screenshot("courier-8-typed-outside-wechat");
    }
  }

  private static void scan(Browser br, String button, String code) {
    br.tap(button);
    br.await("WeChat's scanner (the sandbox's stand-in)", d -> br.find("#wx-scan-input").isDisplayed());
    br.find("#wx-scan-input").sendKeys(code);
    br.tap("#wx-scan-ok");
  }

  private static void tap(Browser br, PaidOrders.Placed p, String step) {
    String css = "[data-order-no='" + p.orderNo() + "'][data-step='" + step + "']";
    br.await(step + " for " + p.orderNo(), d -> !br.driver().findElements(org.openqa.selenium.By.cssSelector(css)).isEmpty());
    br.tap(css);
    br.await(step + " recorded", d -> br.driver().findElements(org.openqa.selenium.By.cssSelector(css)).isEmpty());
  }

  private static String status(TestHttp http, PaidOrders.Placed p) {
    return http.get("/api/v1/orders/" + p.orderNo(), "Cookie", p.cookie()).json().getString("status");
  }

  private static List<String> timeline(TestHttp http, PaidOrders.Placed p) {
    return http.get("/api/v1/orders/" + p.orderNo(), "Cookie", p.cookie()).json().getJsonArray("timeline").stream()
        .map(e -> ((JsonObject) e).getString("to")).toList();
  }
}
