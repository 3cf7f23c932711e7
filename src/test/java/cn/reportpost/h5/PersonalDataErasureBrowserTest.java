package cn.reportpost.h5;

import cn.reportpost.testing.Browser;
import cn.reportpost.testing.Orders;
import cn.reportpost.testing.ReportPostExtension;
import cn.reportpost.testing.Residents;
import cn.reportpost.testing.TestApp;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.Cookie;

import static org.assertj.core.api.Assertions.assertThat;

/** On an ended order's page the resident erases its personal data after confirming, and sees that it is gone. */
@Tag("browser")
@ExtendWith(ReportPostExtension.class)
class PersonalDataErasureBrowserTest {

  @Test
  void theResidentErasesTheEndedOrdersPersonalDataAndSeesItErased(TestApp app) throws Exception {
    String cookie = Residents.signIn(app.http(), "oErase" + System.nanoTime());
    String orderNo = app.http().postJson("/api/v1/orders", Orders.body(), "Cookie", cookie).json().getString("orderNo");
    app.http().postJson("/api/v1/orders/" + orderNo + "/cancel", new JsonObject(), "Cookie", cookie);

    try (Browser b = Browser.phone()) {
      b.open(app.http().base() + "/h5/help");
      String[] c = cookie.split("=", 2);
      b.driver().manage().addCookie(new Cookie(c[0], c[1], "/"));
      b.open(app.http().base() + "/h5/orders/" + orderNo);
      b.await("the cancelled order", d -> "CANCELLED".equals(b.find("#d-status").getAttribute("data-status")));
      assertThat(b.text("#d-patient")).contains("张三");
      assertThat(b.find("#erase-button").isDisplayed()).isTrue();
      b.screenshot("erase-1-ended-order");

      b.find("#erase-button").click();
      b.await("the confirmation", d -> b.find("#erase-dialog").isDisplayed());
      b.screenshot("erase-2-confirm");
      b.find("#erase-yes").click();
      b.await("the erased order", d -> "已删除".equals(b.text("#d-patient")));
      assertThat(b.text("#d-recipient")).isEqualTo("已删除");
      assertThat(b.text("#d-address")).contains("太原市").contains("详细地址已删除").doesNotContain("长风街");
      assertThat(b.text("#erased-notice")).contains("个人信息已于");
      assertThat(b.find("#erase-button").isDisplayed()).isFalse();
      b.screenshot("erase-3-erased");
    }
  }
}
