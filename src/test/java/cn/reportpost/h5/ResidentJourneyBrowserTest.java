package cn.reportpost.h5;

import cn.reportpost.testing.Browser;
import cn.reportpost.testing.ReportPostExtension;
import cn.reportpost.testing.TestApp;
import cn.reportpost.testing.TestHttp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A resident from the poster to the report at the door, in a phone-sized Chromium, against the
 * real server and the WeChat sandbox (sign-in, cashier, pay notify), with staff steps over HTTP.
 */
@Tag("browser")
@ExtendWith(ReportPostExtension.class)
class ResidentJourneyBrowserTest {

  private static final String PASSWORD = "reportpost-demo";

  @Test
  void aResidentOrdersFromThePosterPaysAtTheCashierAndSeesTheOrderPaid(TestApp app) {
    try (Browser b = Browser.phone()) {
      String orderNo = orderUntilTheCashier(b, app, "journey");
      payAtTheCashier(b);
      b.await("the paid status from the server", d -> "PAID".equals(b.find("#r-status").getAttribute("data-status")));
      assertThat(b.text("#result-title")).isEqualTo("支付成功");
      assertThat(b.text("#r-status")).isEqualTo("已支付");
      assertThat(b.text("#r-order-no")).isEqualTo(orderNo);
      b.screenshot("journey-3-paid");

      b.find("#detail-link").click();
      b.await("the order detail", d -> "PAID".equals(b.find("#d-status").getAttribute("data-status")));
      assertThat(b.find("#pay-button").isDisplayed()).as("no second payment offered").isFalse();
    }
  }

  @Test
  void theOrderDetailShowsTheTimelineAndWaybillAfterACourierEvent(TestApp app) {
    try (Browser b = Browser.phone()) {
      String orderNo = orderUntilTheCashier(b, app, "timeline");
      payAtTheCashier(b);
      b.await("paid", d -> "PAID".equals(b.find("#r-status").getAttribute("data-status")));

      TestHttp http = app.http();
      Staff staff = Staff.signIn(http, "staff");
      staff.post("/api/v1/staff/orders/" + orderNo + "/ready", Map.of(), 200);
      String handoverNo = staff.post("/api/v1/staff/handovers", Map.of("orderNos", JsonArray.of(orderNo)), 201)
          .getString("handoverNo");
      Staff courier = Staff.signIn(http, "courier");
      courier.post("/api/v1/staff/handovers/" + handoverNo + "/confirm", Map.of("received", JsonArray.of(orderNo)), 200);
      String waybillNo = emsWaybillNumber();
      courier.post("/api/v1/staff/orders/" + orderNo + "/waybill", Map.of("waybillNo", waybillNo), 200);
      courier.post("/api/v1/staff/orders/" + orderNo + "/events", Map.of("eventId", UUID.randomUUID().toString(),
          "type", "IN_TRANSIT", "at", OffsetDateTime.now().toString(), "location", "太原邮区中心局", "note", "已封发"), 200);

      b.open(http.base() + "/h5/orders/" + orderNo);
      b.await("the courier's status", d -> "IN_TRANSIT".equals(b.find("#d-status").getAttribute("data-status")));
      assertThat(b.text("#d-waybill")).isEqualTo(waybillNo);
      String newest = b.driver().findElements(By.cssSelector("#timeline li")).get(0).getText();
      assertThat(newest).contains("运输中").contains("太原邮区中心局").contains("已封发");
      assertThat(b.driver().findElements(By.cssSelector("#timeline li[data-status='POSTED']"))).hasSize(1);
      assertThat(b.find("#address-link").isDisplayed()).as("address locked once posted").isFalse();
      b.screenshot("journey-4-timeline");
    }
  }

  @Test
  void aResidentCancelsAnOrderBeforePaying(TestApp app) {
    try (Browser b = Browser.phone()) {
      String orderNo = orderUntilTheCashier(b, app, "cancel");
      b.open(app.http().base() + "/h5/orders");
      b.await("the new order in the list", d -> !d.findElements(By.cssSelector("[data-order-no='" + orderNo + "']")).isEmpty());
      b.screenshot("cancel-1-orders");
      b.find("[data-order-no='" + orderNo + "']").click();
      b.await("the unpaid order", d -> "PENDING_PAYMENT".equals(b.find("#d-status").getAttribute("data-status")));
      b.find("#cancel-button").click();
      b.await("the confirmation dialog", d -> b.find("#cancel-dialog").isDisplayed());
      b.screenshot("cancel-2-dialog");
      b.find("#cancel-yes").click();
      b.await("the cancelled status", d -> "CANCELLED".equals(b.find("#d-status").getAttribute("data-status")));
      assertThat(b.text("#d-status")).isEqualTo("已取消");
      assertThat(b.find("#cancel-button").isDisplayed()).isFalse();
      assertThat(b.find("#pay-button").isDisplayed()).isFalse();
      JsonObject order = app.http().get("/api/v1/orders/" + orderNo, "Cookie", b.cookieHeader()).json();
      assertThat(order.getString("status")).isEqualTo("CANCELLED");
      b.screenshot("cancel-3-cancelled");
    }
  }

  /** Poster link → form → review → "提交订单并支付" → the sandbox cashier; answers the order number. */
  private static String orderUntilTheCashier(Browser b, TestApp app, String screenshotPrefix) {
    ResidentForm.openPosterLink(b, app.http().base(), "TY001");
    ResidentForm.fill(b, ResidentForm.freshIdNumber());
    b.screenshot(screenshotPrefix + "-0-form");
    b.find("#next-button").click();
    b.await("the review page", d -> URI.create(d.getCurrentUrl()).getPath().equals("/h5/confirm"));
    b.await("the pay button", d -> b.find("#pay-button").isEnabled());
    b.screenshot(screenshotPrefix + "-1-review");
    b.find("#pay-button").click();
    b.await("the sandbox cashier", d -> d.getCurrentUrl().contains("return="));
    b.screenshot(screenshotPrefix + "-2-cashier");
    String query = URI.create(b.driver().getCurrentUrl()).getRawQuery();
    String back = URLDecoder.decode(query.replaceAll(".*(?:^|&)return=([^&]*).*", "$1"), StandardCharsets.UTF_8);
    assertThat(back).startsWith(app.http().base() + "/h5/pay-result?orderNo=");
    return URLDecoder.decode(back.substring(back.indexOf("orderNo=") + 8), StandardCharsets.UTF_8);
  }

  /** The sandbox cashier shows the amount and one pay button; paying returns to the result page. */
  private static void payAtTheCashier(Browser b) {
    b.driver().findElement(By.xpath("//button[contains(., '支付')]")).click();
    b.await("back on the result page", d -> URI.create(d.getCurrentUrl()).getPath().equals("/h5/pay-result"));
  }

  /** An S10 (UPU) number as EMS prints it: 2 letters, 8 digits, the mod-11 check digit, CN. */
  private static String emsWaybillNumber() {
    int[] weights = {8, 6, 4, 2, 3, 5, 9, 7};
    String serial = String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    int sum = 0;
    for (int i = 0; i < 8; i++) {
      sum += (serial.charAt(i) - '0') * weights[i];
    }
    int check = 11 - sum % 11;
    return "EA" + serial + (check == 10 ? 0 : check == 11 ? 5 : check) + "CN";
  }

  private record Staff(TestHttp http, String cookie, String csrf) {
    static Staff signIn(TestHttp http, String username) {
      TestHttp.Response login = http.postJson("/api/v1/staff/session", Map.of("username", username, "password", PASSWORD));
      assertThat(login.status()).as("sign-in of " + username).isEqualTo(200);
      return new Staff(http, login.header("Set-Cookie").split(";")[0], login.json().getString("csrfToken"));
    }

    JsonObject post(String path, Map<String, Object> body, int expected) {
      TestHttp.Response r = http.postJson(path, new JsonObject(body), "Cookie", cookie, "X-CSRF-Token", csrf);
      assertThat(r.status()).as("POST " + path + ": " + r.body()).isEqualTo(expected);
      return r.body().isEmpty() ? new JsonObject() : r.json();
    }
  }
}
