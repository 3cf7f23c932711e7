package cn.reportpost.h5;

import cn.reportpost.testing.Browser;
import cn.reportpost.testing.Outbox;
import cn.reportpost.testing.PostedOrders;
import cn.reportpost.testing.ReportPostExtension;
import cn.reportpost.testing.Staff;
import cn.reportpost.testing.TestApp;
import cn.reportpost.tracking.TrackingQueue;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebElement;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The order page shows the EMS network's scans under the waybill, newest first, and copies the waybill number. */
@Tag("browser")
@ExtendWith(ReportPostExtension.class)
class TrackingTrailBrowserTest {

  @Test
  void theResidentSeesTheCarriersTrailUnderTheWaybillAndCopiesTheNumber(TestApp app) throws Exception {
    PostedOrders.Posted p = PostedOrders.post(app, Staff.signIn(app.http(), "staff"), Staff.signIn(app.http(), "courier"));
    assertThat(new Outbox(app).settle(p.orderNo(), TrackingQueue.SUBSCRIBE_TRACKING, 3)).isEqualTo("SENT");
    OffsetDateTime at = OffsetDateTime.now(ZoneOffset.ofHours(8)).minusHours(2).withNano(0);
    scan(app, p, "0", "【太原市】邮件已由太原邮区中心局封发，发往北京", "山西省,太原市", at);
    scan(app, p, "5", "【北京市】朝阳区投递部安排投递，投递员：王五，电话 13800000000", "北京市,朝阳区", at.plusHours(1));

    try (Browser b = Browser.phone()) {
      b.open(app.http().base() + "/h5/help");
      String[] cookie = p.cookie().split("=", 2);
      b.driver().manage().addCookie(new Cookie(cookie[0], cookie[1], "/"));
      b.open(app.http().base() + "/h5/orders/" + p.orderNo());
      b.await("the carrier's status", d -> "OUT_FOR_DELIVERY".equals(b.find("#d-status").getAttribute("data-status")));

      assertThat(b.text("#d-waybill")).isEqualTo(p.waybillNo());
      assertThat(b.find("#trail-title").isDisplayed()).isTrue();
      List<WebElement> trail = b.driver().findElements(By.cssSelector("#carrier-trail li"));
      assertThat(trail).hasSize(2);
      assertThat(trail.get(0).getText()).as("newest first").contains("朝阳区投递部安排投递").contains("北京市,朝阳区");
      assertThat(trail.get(1).getText()).contains("太原邮区中心局封发").contains("山西省,太原市");
      assertThat(b.driver().findElements(By.cssSelector("#timeline li")).get(0).getText())
          .contains("派送中").contains("北京市,朝阳区").as("no mechanism on the timeline").doesNotContain("扫描");
      b.screenshot("tracking-1-trail");

      b.find("#copy-waybill").click();
      b.await("the copy toast", d -> b.find("#toast").isDisplayed());
      assertThat(b.text("#toast-text")).isEqualTo("运单号已复制");
      b.screenshot("tracking-2-copied");
    }
  }

  private static void scan(TestApp app, PostedOrders.Posted p, String state, String context, String area, OffsetDateTime at) {
    var r = app.sandbox().http().postJson("/sandbox/tracking/" + p.waybillNo() + "/scan",
        new JsonObject().put("state", state).put("context", context).put("areaName", area).put("at", at.toString()));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
  }
}
