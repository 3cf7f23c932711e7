package cn.reportpost.h5;

import cn.reportpost.testing.Browser;
import cn.reportpost.testing.ReportPostExtension;
import cn.reportpost.testing.TestApp;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

/** The order form in a phone-sized Chromium: what the resident sees before anything is sent. */
@Tag("browser")
@ExtendWith(ReportPostExtension.class)
class OrderFormBrowserTest {

  @Test
  void aPosterLinkPreselectsCityAndSiteAndShowsTheOutOfProvinceFee(TestApp app) {
    JsonObject site = app.http().get("/api/v1/sites/TY001").json();
    try (Browser b = Browser.phone()) {
      ResidentForm.openPosterLink(b, app.http().base(), "TY001");
      assertThat(b.value("cityCode")).isEqualTo(site.getJsonObject("city").getString("code"));
      b.await("the site's name", d -> b.text("#site-name").equals(site.getString("name")));
      assertThat(b.text("#total-fee")).isEqualTo(yuan(site.getInteger("feeFen")));
      b.screenshot("order-form-poster-link");

      ResidentForm.place(b, "11", null, null);
      b.await("the out-of-province fee", d -> b.text("#total-fee").startsWith(yuan(site.getInteger("outOfProvinceFeeFen"))));
      assertThat(b.text("#site-fee")).contains(yuan(site.getInteger("outOfProvinceFeeFen")));
    }
  }

  @Test
  void aWrongIdCheckDigitIsShownNextToTheFieldAndStopsTheResidentBeforeAnythingIsSent(TestApp app) {
    try (Browser b = Browser.phone()) {
      ResidentForm.openPosterLink(b, app.http().base(), "TY001");
      ResidentForm.fill(b, ResidentForm.mistypedIdNumber());
      b.find("#next-button").click();

      b.await("the ID number's error", d -> b.find("#err-patient\\.idNumber").isDisplayed());
      assertThat(b.text("#err-patient\\.idNumber")).contains("校验位");
      assertThat(b.find("[name='patient.idNumber']").getAttribute("aria-invalid")).isEqualTo("true");
      assertThat(URI.create(b.driver().getCurrentUrl()).getPath()).isEqualTo("/h5/order");
      b.screenshot("order-form-wrong-id");

      b.type("patient.idNumber", ResidentForm.validIdNumber());
      b.await("the error gone once the number is right", d -> !b.find("#err-patient\\.idNumber").isDisplayed());
      b.find("#next-button").click();
      b.await("the review page", d -> URI.create(d.getCurrentUrl()).getPath().equals("/h5/confirm"));
    }
  }

  @Test
  void otherRulesShowTheirMessagesAsTheResidentLeavesEachField(TestApp app) {
    try (Browser b = Browser.phone()) {
      ResidentForm.openPosterLink(b, app.http().base(), "TY001");
      b.type("patient.phone", "12345");
      b.type("recipient.address", "一号");
      b.choose("patient.idType", "TAIWAN_PERMIT");
      b.type("patient.idNumber", "1234567");
      b.find("[name='patient.name']").click();
      b.await("the phone's error", d -> b.find("#err-patient\\.phone").isDisplayed());
      assertThat(b.text("#err-patient\\.phone")).contains("11 位");
      assertThat(b.text("#err-recipient\\.address")).contains("至少 5 个字");
      assertThat(b.text("#err-patient\\.idNumber")).contains("8 位");
      b.screenshot("order-form-field-errors");
    }
  }

  @Test
  void whatWasTypedIsStillThereAfterGoingBackFromTheReviewPage(TestApp app) {
    try (Browser b = Browser.phone()) {
      ResidentForm.openPosterLink(b, app.http().base(), "TY001");
      ResidentForm.fill(b, ResidentForm.validIdNumber());
      ResidentForm.place(b, "13", "1301", "130102");
      b.find("#next-button").click();
      b.await("the review page", d -> URI.create(d.getCurrentUrl()).getPath().equals("/h5/confirm"));

      b.driver().navigate().back();
      ResidentForm.openPosterLink(b, app.http().base(), "TY001");
      b.await("the typed name", d -> "张三".equals(b.value("patient.name")));
      assertThat(b.value("patient.idNumber")).isEqualTo(ResidentForm.validIdNumber());
      b.await("the district restored", d -> "130102".equals(b.value("recipient.districtCode")));
      assertThat(b.value("recipient.province")).isEqualTo("河北省");
      assertThat(b.value("recipient.city")).isEqualTo("石家庄市");
      assertThat(b.value("recipient.address")).isEqualTo("演示路 1 号 2 单元 301 室");
    }
  }

  static String yuan(int fen) {
    return String.format("¥%d.%02d", fen / 100, fen % 100);
  }
}
