package cn.reportpost.console;

import cn.reportpost.testing.Browser;
import cn.reportpost.testing.PaidOrders;
import cn.reportpost.testing.ReportPostExtension;
import cn.reportpost.testing.Sandbox;
import cn.reportpost.testing.Staff;
import cn.reportpost.testing.TestApp;
import cn.reportpost.testing.TestHttp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebElement;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The operations console at a 1280×800 desktop: after-sales end to end, and the admin pages with their data. */
@Tag("browser")
@ExtendWith(ReportPostExtension.class)
class ConsoleBrowserTest {

  /** A browser signed in as {@code staff}: the session cookie the API gave, set on the console's origin. */
  private static Browser signedIn(TestApp app, Staff staff) {
    Browser b = Browser.desktop(1280, 800);
    b.open(app.http().base() + "/h5/help");
    String[] cookie = staff.cookie().split("=", 2);
    b.driver().manage().addCookie(new Cookie(cookie[0], cookie[1], "/"));
    return b;
  }

  private static List<WebElement> rows(Browser b, String container) {
    return b.driver().findElements(By.cssSelector(container + " tbody tr"));
  }

  @Test
  void anOperatorAnswersACaseAndResolvesItWithAPartialRefundTheResidentThenSees(TestApp app, Sandbox sandbox) throws Exception {
    PaidOrders.Placed p = PaidOrders.place(app, "TY001");
    TestHttp http = app.http();
    TestHttp.Response opened = http.postJson("/api/v1/orders/" + p.orderNo() + "/aftersales",
        Map.of("type", "DAMAGED", "description", "报告封皮破了，里面的纸湿了"), "Cookie", p.cookie());
    assertThat(opened.status()).isEqualTo(201);
    String caseNo = opened.json().getString("caseNo");

    try (Browser b = signedIn(app, Staff.signIn(http, "ops"))) {
      b.open(app.http().base() + "/ops/aftersales");
      b.await("the case in the list", d -> !d.findElements(By.cssSelector("button[data-case='" + caseNo + "']")).isEmpty());
      assertThat(b.text(".c-nav__here")).isEqualTo("售后");
      assertThat(b.driver().findElements(By.linkText("网点与费用"))).as("no admin entries for OPS").isEmpty();
      b.find("button[data-case='" + caseNo + "']").click();
      b.await("the case's conversation", d -> b.find("#as-messages").getText().contains("里面的纸湿了"));
      b.screenshot("console-1-case");

      b.find("#as-reply textarea").sendKeys("很抱歉，我们给您退 5 元作为补偿");
      b.find("#as-reply button").click();
      b.await("the answer in the conversation", d -> b.find("#as-messages").getText().contains("退 5 元"));
      assertThat(b.text("#c-notice")).contains("已回复");

      b.choose("resolution", "PARTIAL_REFUND");
      b.await("the amount field", d -> b.find("#as-amount-field").isDisplayed());
      b.type("amount", "5");
      b.type("note", "报告受潮补偿");
      b.find("#as-resolve button").click();
      b.await("the case resolved", d -> b.find("#as-resolution").isDisplayed());
      assertThat(b.text("#as-resolution")).contains("部分退款").contains("¥5.00");
      b.screenshot("console-2-resolved");
    }

    JsonArray refunds = sandbox.http().get("/sandbox/refunds?outTradeNo=" + p.orderNo()).json().getJsonArray("refunds");
    assertThat(refunds).hasSize(1);
    assertThat(refunds.getJsonObject(0).getString("out_refund_no")).isEqualTo(p.orderNo() + "P1");
    assertThat(refunds.getJsonObject(0).getJsonObject("amount").getInteger("refund")).isEqualTo(500);

    try (Browser phone = Browser.phone()) {
      phone.open(app.http().base() + "/h5/help");
      String[] cookie = p.cookie().split("=", 2);
      phone.driver().manage().addCookie(new Cookie(cookie[0], cookie[1], "/"));
      phone.open(app.http().base() + "/h5/orders/" + p.orderNo());
      phone.await("the after-sales link", d -> phone.find("#aftersales-link").isDisplayed());
      phone.find("#aftersales-link").click();
      phone.await("the resident's case", d -> !d.findElements(By.cssSelector("[data-case='" + caseNo + "']")).isEmpty());
      String shown = phone.find("[data-case='" + caseNo + "']").getText();
      assertThat(shown).contains("退 5 元作为补偿").contains("已部分退款").contains("¥5.00");
      phone.screenshot("console-3-resident-sees-it");
    }
  }

  @Test
  void theAdminPagesLoadAndListTheirData(TestApp app) throws Exception {
    Staff admin = Staff.signIn(app.http(), "admin");
    // Something for the audit log and the keyword list to show.
    assertThat(admin.post("/api/v1/admin/chat-rules", Map.of("keyword", "营业时间", "reply", "每天 8:00–17:00")).status())
        .isEqualTo(201);
    try (Browser b = signedIn(app, admin)) {
      b.open(app.http().base() + "/ops/admin/sites");
      b.await("the sites", d -> rows(b, "#site-list").size() > 3);
      assertThat(b.find("#site-list").getText()).contains("TY001");
      b.screenshot("console-admin-sites");

      b.find("#import-form textarea").sendKeys("code,name,city_code,address,fee_fen,out_of_province_fee_fen,accepting,contact_phone\n"
          + "BAD1,坏网点,999999,某地,-5,10,true,\n");
      b.find("#import-form button").click();
      b.await("the import's row errors", d -> !d.findElements(By.cssSelector("#import-errors li")).isEmpty());
      assertThat(b.text("#import-errors")).contains("第 2 行");
      assertThat(b.find("#c-notice").getAttribute("class")).contains("c-notice_error");

      b.open(app.http().base() + "/ops/admin/users");
      b.await("the accounts", d -> b.find("#user-list").getText().contains("courier"));
      assertThat(b.find("#user-list").getText()).contains("ops").contains("运营");

      b.open(app.http().base() + "/ops/admin/posters");
      b.await("the posters", d -> rows(b, "#poster-list").size() > 3);
      b.await("the city ZIPs", d -> !d.findElements(By.cssSelector("#city-zips a")).isEmpty());
      assertThat(b.find("#city-zips a").getAttribute("href")).contains("/posters.zip");

      b.open(app.http().base() + "/ops/admin/chat");
      b.await("the keyword rules", d -> b.find("#rule-list").getText().contains("营业时间"));

      b.open(app.http().base() + "/ops/admin/audit");
      b.await("the audit log", d -> b.find("#audit-list").getText().contains("chat"));
      b.type("action", "nothing.like.this");
      b.find("#audit-filter button").click();
      b.await("an empty filter", d -> b.find("#audit-list").getText().contains("没有记录"));
      b.screenshot("console-admin-audit");
    }
  }
}
