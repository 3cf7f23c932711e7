package cn.reportpost.workbench;

import cn.reportpost.dev.DemoData;
import cn.reportpost.testing.Accounts;
import cn.reportpost.testing.Browser;
import cn.reportpost.testing.Orders;
import cn.reportpost.testing.PaidOrders;
import cn.reportpost.testing.QueueOrders;
import cn.reportpost.testing.ReportPostExtension;
import cn.reportpost.testing.TestApp;
import io.vertx.core.json.JsonObject;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Site staff at the workbench in Chromium, against the real server: a busy day's queue paged
 * oldest first, search, thirty labels printed and packed in one action, a handover batch made,
 * edited, printed and cancelled, a resident's late address change, and the sign-in lock-out.
 */
@Tag("browser")
@ExtendWith(ReportPostExtension.class)
class WorkbenchBrowserTest {

  /** Opens the workbench signed out, as staff do: it sends them to sign in, and back. */
  private static void signIn(Browser b, TestApp app, String username, String password) {
    b.open(app.http().base() + "/staff/");
    b.await("the sign-in page", d -> d.getCurrentUrl().contains("/staff/login"));
    b.type("username", username);
    b.type("password", password);
    b.find("#login-form button").click();
  }

  private static List<WebElement> rows(Browser b) {
    return b.driver().findElements(By.cssSelector("#queue-rows tr"));
  }

  private static void awaitRows(Browser b, int count) {
    b.await(count + " rows in the queue", d -> rows(b).size() == count);
  }

  /** The PDF the page last made, downloaded through its link as a user saves it. */
  private static byte[] lastPdf(Browser b) throws Exception {
    b.await("the PDF link", d -> b.find("#pdf-link").isDisplayed());
    Path dir = Files.createTempDirectory("workbench-downloads");
    b.driver().executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow", "downloadPath", dir.toString()));
    b.find("#pdf-link").click();
    Path pdf = b.await("the download", d -> {
      try (var files = Files.list(dir)) {
        return files.filter(f -> f.toString().endsWith(".pdf")).findFirst().orElse(null);
      } catch (java.io.IOException e) {
        return null;
      }
    });
    byte[] bytes = Files.readAllBytes(pdf);
    Files.delete(pdf);
    Files.delete(dir);
    return bytes;
  }

  private static String text(byte[] pdf) throws Exception {
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      return new PDFTextStripper().getText(doc);
    }
  }

  /** Clicks a button of a list the page may be redrawing: once it is there and stays put for the click. */
  private static void click(Browser b, String css) {
    b.await(css, d -> {
      b.find(css).click();
      return true;
    });
  }

  private static void check(Browser b, String orderNo) {
    b.find("#queue-rows tr[data-order='" + orderNo + "'] input[type=checkbox]").click();
  }

  @Test
  void aBusyDayFromTheQueueToTheHandoverSheet(TestApp app) throws Exception {
    Accounts.create(app, "staff-ty035", "SITE_STAFF", "TY035", List.of());
    PaidOrders.Placed template = PaidOrders.place(app, "TY035");
    List<String> older = QueueOrders.copies(app, template.orderNo(), "WB", 249, 60, 3600);
    try (Browser b = Browser.desktop(1280, 800)) {
      signIn(b, app, "staff-ty035", DemoData.PASSWORD);
      awaitRows(b, 50);
      assertThat(b.text("#site-name")).contains("TY035");
      assertThat(rows(b).get(0).getAttribute("data-order")).as("oldest first").isEqualTo(older.get(0));
      b.screenshot("workbench-1-queue");
      for (int shown = 100; shown <= 250; shown += 50) {
        b.find("#more").click();
        awaitRows(b, shown);
      }
      assertThat(b.find("#more").isDisplayed()).isFalse();
      assertThat(rows(b).get(249).getAttribute("data-order")).isEqualTo(template.orderNo());

      b.type("q", "WB000123");
      b.find("#search-form button").click();
      b.await("the one order searched for", d -> rows(b).size() == 1
          && "WB000123".equals(rows(b).get(0).getAttribute("data-order")));
      b.type("q", "");
      b.find("#search-form button").click();
      awaitRows(b, 50);

      // Thirty labels on the thermal printer, then packed, in one action.
      b.choose("format", "THERMAL_100X150");
      older.subList(0, 30).forEach(no -> check(b, no));
      assertThat(b.text("#selected-count")).isEqualTo("已选 30 单");
      b.find("#print-ready").click();
      b.await("labels printed and orders packed", d -> b.text("#message").contains("30 单已标记为已打包"));
      try (PDDocument doc = Loader.loadPDF(lastPdf(b))) {
        assertThat(doc.getNumberOfPages()).as("one thermal label per page").isEqualTo(30);
        String labels = new PDFTextStripper().getText(doc);
        older.subList(0, 30).forEach(no -> assertThat(labels).contains(no));
      }
      b.screenshot("workbench-2-printed");
      awaitRows(b, 50);
      assertThat(rows(b).get(0).getAttribute("data-order")).as("packed orders left the PAID queue").isEqualTo(older.get(30));

      // The label stock is chosen once and remembered.
      b.choose("format", "A4_2X4");
      b.driver().navigate().refresh();
      awaitRows(b, 50);
      assertThat(b.value("format")).isEqualTo("A4_2X4");

      // A resident changes the address of a packed order: the queue shows the badge.
      JsonObject recipient = Orders.body("TY035", "山西省").getJsonObject("recipient").copy().put("address", "迎泽大街8号");
      assertThat(app.http().send("PUT", "/api/v1/orders/" + older.get(2) + "/recipient", "application/json",
          recipient.encode(), "Cookie", template.cookie()).status()).isEqualTo(200);
      b.choose("status", "READY");
      awaitRows(b, 30);
      assertThat(b.text("#queue-rows tr[data-order='" + older.get(2) + "']")).contains("地址已变更");
      assertThat(b.text("#queue-rows tr[data-order='" + older.get(3) + "']")).doesNotContain("地址已变更");
      b.screenshot("workbench-3-address-changed");
      check(b, older.get(2));
      b.find("#reprint").click();
      b.await("the badge cleared by the reprint", d -> b.text("#message").contains("已生成 1 张标签")
          && rows(b).size() == 30 && !b.text("#queue-rows tr[data-order='" + older.get(2) + "']").contains("地址已变更"));

      // A batch of three, one taken out, another put in, the sheet printed, then cancelled.
      older.subList(0, 3).forEach(no -> check(b, no));
      b.find("#new-batch").click();
      b.await("the new batch", d -> b.driver().findElements(By.cssSelector("#batch-list article")).size() == 1);
      WebElement batch = b.find("#batch-list article");
      String handoverNo = batch.getAttribute("data-batch");
      assertThat(batch.getText()).contains(older.get(0), older.get(1), older.get(2));
      batch.findElements(By.cssSelector("button.link")).get(0).click();
      b.await("one order taken out", d -> b.text("#message").contains("现有 2 单"));

      b.find("[data-tab=queue]").click();
      b.choose("status", "READY");
      b.await("READY orders", d -> rows(b).size() == 30 && rows(b).get(1).getText().contains("交接单 " + handoverNo));
      assertThat(rows(b).get(0).getText()).as("taken out of the batch").doesNotContain("交接单");
      check(b, older.get(10));
      b.find("[data-tab=batches]").click();
      click(b, "[data-add='" + handoverNo + "']");
      b.await("an order put in", d -> b.text("#message").contains("现有 3 单"));
      b.await("the list redrawn", d -> b.text("#batch-list article").contains(older.get(10)));

      click(b, "[data-sheet='" + handoverNo + "']");
      b.await("the sheet", d -> b.find("#pdf-link").getText().contains(handoverNo));
      assertThat(text(lastPdf(b))).contains(handoverNo, "交接单", older.get(10));
      b.screenshot("workbench-4-batch");

      click(b, "[data-cancel='" + handoverNo + "']");
      b.driver().switchTo().alert().accept();
      b.await("the batch cancelled", d -> b.text("#message").contains("已取消"));
      b.choose("batch-status", "CANCELLED");
      b.await("among the cancelled", d -> !b.driver().findElements(By.cssSelector("[data-batch='" + handoverNo + "']")).isEmpty());
    }
  }

  @Test
  void opsSeeAnySitesWorkbenchReadOnlyOnATablet(TestApp app) throws Exception {
    PaidOrders.Placed p = PaidOrders.place(app, "TY036");
    try (Browser b = Browser.tablet()) {
      signIn(b, app, "ops", DemoData.PASSWORD);
      b.await("the site chooser", d -> b.find("#site-chooser").isDisplayed());
      assertThat(b.find("#read-only").isDisplayed()).isTrue();
      b.await("the cities", d -> b.driver().findElements(By.cssSelector("[name=city] option")).size() > 1);
      b.choose("city", "140100");
      b.await("the sites", d -> !b.driver().findElements(By.cssSelector("[name=site] option[value=TY036]")).isEmpty());
      b.choose("site", "TY036");
      b.await("the site's queue", d -> !b.driver().findElements(By.cssSelector("#queue-rows tr[data-order='" + p.orderNo() + "']")).isEmpty());
      assertThat(b.find("#actions").isDisplayed()).as("no actions for a read-only user").isFalse();
      assertThat(b.find("#queue-rows tr[data-order='" + p.orderNo() + "'] input").isEnabled()).isFalse();
      b.screenshot("workbench-5-ops-tablet");
    }
  }

  @Test
  void aLockedOutAccountIsToldInPlainWordsHowLongToWait(TestApp app) throws Exception {
    Accounts.create(app, "staff-locked", "SITE_STAFF", "TY037", List.of());
    try (Browser b = Browser.desktop(1280, 800)) {
      for (int i = 0; i < 5; i++) {
        signIn(b, app, "staff-locked", "wrong-password");
        b.await("the wrong-password message", d -> b.find("#login-error").isDisplayed());
        assertThat(b.text("#login-error")).contains("用户名或密码错误");
      }
      signIn(b, app, "staff-locked", DemoData.PASSWORD);
      b.await("the lock-out message", d -> b.text("#login-error").contains("锁定"));
      assertThat(b.text("#login-error")).contains("这个账号", "15 分钟后再试", "联系管理员");
      b.screenshot("workbench-6-locked");
    } finally {
      // Every other test signs in from this address: the six failures counted here are given back.
      app.app().services().redis().script("""
              redis.call('DEL', KEYS[1])
              local n = tonumber(redis.call('GET', KEYS[2]) or '0')
              if n > 0 then redis.call('DECRBY', KEYS[2], math.min(n, 6)) end
              return 0""", io.lettuce.core.ScriptOutputType.INTEGER,
          new String[] {"staff:login-failures:{127.0.0.1}/staff-locked", "staff:login-failures:{127.0.0.1}"})
          .await(5, TimeUnit.SECONDS);
    }
  }
}
