package cn.reportpost.h5;

import cn.reportpost.testing.Browser;
import cn.reportpost.testing.Orders;
import cn.reportpost.testing.PostedOrders;
import cn.reportpost.testing.ReportPostExtension;
import cn.reportpost.testing.Staff;
import cn.reportpost.testing.TestApp;
import cn.reportpost.testing.TestHttp;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebElement;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** What residents used to trip over (issue 18), at 375×667, each page kept as a screenshot. */
@Tag("browser")
@ExtendWith(ReportPostExtension.class)
class ResidentPagesBrowserTest {

  @Test
  void aSiteThatStoppedTakingOrdersWhileTheResidentReviewedIsExplainedInChinese(TestApp app) {
    try (Browser b = Browser.phone()) {
      toTheReviewPage(b, app, ResidentForm.freshIdNumber());
      // The site closes while the resident reads the review page: TY040 is a site not taking orders.
      b.driver().executeScript("const d = JSON.parse(sessionStorage.getItem('rp.orderDraft'));"
          + "d.values.siteCode = 'TY040'; d.site.code = 'TY040'; sessionStorage.setItem('rp.orderDraft', JSON.stringify(d));"
          + "document.getElementById('back-link').href = '/h5/order?site=TY040';");
      b.find("#pay-button").click();

      b.await("back on the form with the site's refusal", d -> b.find("#err-siteCode").isDisplayed());
      assertThat(b.text("#err-siteCode")).contains("暂停接单");
      String page = b.text("body");
      assertThat(page).doesNotContain("not taking orders").doesNotContain("siteCode");
      b.await("the disabled button's reason", d -> b.find("#next-hint").isDisplayed());
      assertThat(b.text("#next-hint")).contains("暂停接单");
      b.screenshot("resident-refusal-in-chinese");
    }
  }

  @Test
  void theAddressPickerCascadesAndTheServerRefusesACityOutsideTheProvince(TestApp app) {
    try (Browser b = Browser.phone()) {
      ResidentForm.openPosterLink(b, app.http().base(), "TY001");
      ResidentForm.place(b, "14", "1401", null);
      List<String> cities = optionTexts(b, "recipient.cityCode");
      assertThat(cities).contains("太原市", "大同市").doesNotContain("杭州市");
      b.await("Taiyuan's districts", d -> optionTexts(b, "recipient.districtCode").contains("小店区"));
      ResidentForm.place(b, "33", "3301", "330102");
      assertThat(b.value("recipient.province")).isEqualTo("浙江省");
      assertThat(b.value("recipient.city")).isEqualTo("杭州市");
      b.screenshot("resident-address-cascade");

      // A page that offers 杭州市 under 山西省 (stale or tampered): the server still says no.
      ResidentForm.fill(b, ResidentForm.freshIdNumber());
      b.driver().executeScript("const s = document.querySelector(\"[name='recipient.cityCode']\");"
          + "const o = new Option('杭州市', '3301'); o.dataset.name = '杭州市'; s.append(o); s.value = '3301';"
          + "s.dispatchEvent(new Event('change', {bubbles: true}));");
      b.await("Hangzhou's districts", d -> optionTexts(b, "recipient.districtCode").contains("上城区"));
      b.choose("recipient.districtCode", "330102");
      b.find("#next-button").click();
      b.await("the review page", d -> URI.create(d.getCurrentUrl()).getPath().equals("/h5/confirm"));
      b.await("the pay button", d -> b.find("#pay-button").isEnabled());
      b.find("#pay-button").click();

      b.await("the city's refusal next to the city", d -> URI.create(d.getCurrentUrl()).getPath().equals("/h5/order")
          && b.find("#err-recipient\\.cityCode").isDisplayed());
      assertThat(b.text("#err-recipient\\.cityCode")).isEqualTo("所选城市不在该省份内，请重新选择城市");
      assertThat(b.text("body")).doesNotContain("is not a city");
      b.screenshot("resident-address-refused");
    }
  }

  @Test
  void aSecondOrderForThePatientAndSampleDateIsWarnedAboutAndMayBeConfirmed(TestApp app) {
    try (Browser b = Browser.phone()) {
      String idNumber = ResidentForm.freshIdNumber();
      toTheReviewPage(b, app, idNumber);
      // The sandbox's sign-in may be a resident other browser tests ordered as: count from here.
      int before = app.http().get("/api/v1/orders", "Cookie", b.cookieHeader()).jsonArray().size();
      JsonObject first = Orders.unconfirmed();
      first.getJsonObject("patient").put("idNumber", idNumber);
      TestHttp.Response made = app.http().postJson("/api/v1/orders", first, "Cookie", b.cookieHeader());
      assertThat(made.status()).as(made.body()).isEqualTo(201);
      String firstNo = made.json().getString("orderNo");

      b.find("#pay-button").click();
      b.await("the duplicate warning", d -> b.find("#duplicate-dialog").isDisplayed());
      assertThat(b.text("#duplicate-text")).contains(firstNo).contains("张三").contains("待支付").contains("太原市");
      assertThat(b.find("#duplicate-view").getAttribute("href")).endsWith("/h5/orders/" + firstNo);
      b.screenshot("resident-duplicate-warning");

      b.find("#duplicate-confirm").click();
      b.await("the sandbox cashier", d -> d.getCurrentUrl().contains("return="));
      assertThat(app.http().get("/api/v1/orders", "Cookie", b.cookieHeader()).jsonArray()).hasSize(before + 2);

      b.open(app.http().base() + "/h5/orders");
      b.await("both orders listed", d -> d.findElements(By.cssSelector(".h5-order")).size() == before + 2);
      assertThat(b.driver().findElements(By.cssSelector(".h5-order__who")).stream().map(WebElement::getText))
          .containsOnly("张三 · 寄往太原市");
      b.screenshot("resident-orders-list");
    }
  }

  @Test
  void theTimelineSpeaksAsAResidentAndTheSitesPhoneIsOnTheOrderAndHelpPages(TestApp app) throws Exception {
    TestHttp http = app.http();
    Staff courier = Staff.signIn(http, "courier");
    PostedOrders.Posted posted = PostedOrders.post(app, Staff.signIn(http, "staff"), courier);
    for (String stage : List.of("IN_TRANSIT", "OUT_FOR_DELIVERY", "DELIVERED")) {
      TestHttp.Response r = courier.post("/api/v1/staff/orders/" + posted.orderNo() + "/events", Map.of(
          "eventId", UUID.randomUUID().toString(), "type", stage, "at", OffsetDateTime.now().toString(),
          "location", "太原邮区中心局", "note", stage.equals("DELIVERED") ? "本人签收" : "已封发"));
      assertThat(r.status()).as(r.body()).isEqualTo(200);
    }
    String phone = http.get("/api/v1/sites/TY001").json().getString("contactPhone");

    try (Browser b = Browser.phone()) {
      signedInAs(b, app, posted.cookie());
      b.open(http.base() + "/h5/orders/" + posted.orderNo());
      b.await("the delivered order", d -> "DELIVERED".equals(b.find("#d-status").getAttribute("data-status")));
      List<String> titles = b.driver().findElements(By.cssSelector("#timeline .h5-timeline__status")).stream()
          .map(WebElement::getText).toList();
      assertThat(titles).containsExactly("已签收", "派送中", "运输中", "已寄出 EMS", "已交邮政", "报告已打包", "已支付", "已下单");
      String timeline = b.text("#timeline");
      assertThat(timeline).contains("运单号 " + posted.waybillNo()).contains("太原邮区中心局");
      assertThat(timeline).doesNotContain("微信支付通知").doesNotContain("交接单").doesNotContain("本人 ·")
          .doesNotContain("待支付").doesNotContainPattern("H\\d{6}");
      assertThat(b.text("#site-phone")).isEqualTo(phone);
      assertThat(b.find("#d-patient .h5-number").getCssValue("white-space")).as("the ID number never breaks").isEqualTo("nowrap");
      assertThat(b.find("#d-waybill").getCssValue("white-space")).isEqualTo("nowrap");
      assertThat(b.find("#site-phone").getAttribute("href")).isEqualTo("tel:" + phone.replaceAll("[^0-9]", ""));
      b.screenshot("resident-order-timeline");

      b.open(http.base() + "/h5/orders/" + posted.orderNo() + "/address");
      b.await("the locked address page", d -> b.find("#page-error").isDisplayed());
      assertThat(b.text("#page-error")).contains("已签收").doesNotContain("寄出");
      assertThat(b.find("#address-fields").getAttribute("disabled")).isNotNull();
      assertThat(b.find("[name='recipient.name']").getCssValue("background-color")).isNotEqualTo("rgba(0, 0, 0, 0)");
      WebElement title = b.find("#address-title");
      WebElement header = b.find(".h5-header");
      assertThat(title.getRect().getY()).as("收件信息 below the header, not under it")
          .isGreaterThanOrEqualTo(header.getRect().getY() + header.getRect().getHeight());
      b.screenshot("resident-address-delivered");

      b.open(http.base() + "/h5/help");
      b.await("the site's phone on the help page", d -> b.find("#site-phone").isDisplayed());
      assertThat(b.text("#site-phone-number")).isEqualTo(phone);
      assertThat(b.text("#service-phone-number")).isEqualTo("11183");
      b.screenshot("resident-help");
    }
  }

  @Test
  void theLandingPageLeadsToTheResidentFlowAndToTheStaffPages(TestApp app) {
    try (Browser b = Browser.phone()) {
      b.open(app.http().base() + "/");
      b.await("the landing page", d -> b.find("#start-link").isDisplayed());
      assertThat(b.find("#start-link").getAttribute("href")).endsWith("/h5/order");
      assertThat(b.driver().findElements(By.cssSelector("a[href='/staff/'], a[href='/courier/']"))).hasSize(2);
      b.screenshot("resident-landing");
    }
  }

  @Test
  void aFutureSampleDateCannotBePickedAndTheDisabledButtonSaysWhy(TestApp app) {
    try (Browser b = Browser.phone()) {
      ResidentForm.openPosterLink(b, app.http().base(), "TY001");
      b.await("the site's phone on the form", d -> b.find("#site-phone").isDisplayed());
      assertThat(b.text("#site-phone")).isEqualTo(app.http().get("/api/v1/sites/TY001").json().getString("contactPhone"));
      String max = b.find("[name='sampledOn']").getAttribute("max");
      assertThat(max).isEqualTo(java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString());
      b.set("sampledOn", java.time.LocalDate.parse(max).plusDays(1).toString());
      b.await("the future day taken back", d -> b.value("sampledOn").isEmpty());
      b.screenshot("resident-order-form");

      b.choose("cityCode", "140200");
      b.await("the button's reason", d -> b.find("#next-hint").isDisplayed());
      assertThat(b.find("#next-button").isEnabled()).isFalse();
      assertThat(b.text("#next-hint")).isEqualTo("请先选择采样点，才能进行下一步");
      b.screenshot("resident-order-form-city-changed");
    }
  }

  /** Poster link, the form filled for this patient, then the review page with its pay button ready. */
  private static void toTheReviewPage(Browser b, TestApp app, String idNumber) {
    ResidentForm.openPosterLink(b, app.http().base(), "TY001");
    ResidentForm.fill(b, idNumber);
    b.find("#next-button").click();
    b.await("the review page", d -> URI.create(d.getCurrentUrl()).getPath().equals("/h5/confirm"));
    b.await("the pay button", d -> b.find("#pay-button").isEnabled());
    b.screenshot("resident-review");
  }

  /** The browser carries the resident's session cookie (as after WeChat sign-in). */
  private static void signedInAs(Browser b, TestApp app, String cookie) {
    b.open(app.http().base() + "/favicon.ico");
    String[] pair = cookie.split("=", 2);
    b.driver().manage().addCookie(new Cookie(pair[0], pair[1], "/"));
  }

  private static List<String> optionTexts(Browser b, String name) {
    return b.driver().findElements(By.cssSelector("[name='" + name + "'] option")).stream().map(WebElement::getText).toList();
  }
}
