package cn.reportpost.console;

import cn.reportpost.testing.Browser;
import cn.reportpost.testing.PaidOrders;
import cn.reportpost.testing.ReportPostExtension;
import cn.reportpost.testing.Staff;
import cn.reportpost.testing.TestApp;
import io.vertx.sqlclient.Tuple;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Operations at a 1280×800 PC: the board moves by itself, a breach appears, the daily report is shown and downloaded. */
@Tag("browser")
@ExtendWith(ReportPostExtension.class)
class OpsBoardBrowserTest {

  private static final String TAIYUAN_PAID = "#board-table tr[data-city='140100'] td[data-status='PAID']";

  @Test
  void theBoardUpdatesWithoutReloadABreachAppearsAndTheDailyReportIsShownAndDownloaded(TestApp app) throws Exception {
    Staff ops = Staff.signIn(app.http(), "ops");
    try (Browser b = Browser.desktop(1280, 800)) {
      b.open(app.http().base() + "/staff/login");
      String[] cookie = ops.cookie().split("=", 2);
      b.driver().manage().addCookie(new Cookie(cookie[0], cookie[1], "/"));

      b.open(app.http().base() + "/ops/board");
      b.await("the stream connected", d -> b.text("#board-live").equals("实时更新中"));
      b.await("the chart drawn", d -> !d.findElements(By.cssSelector("#board-hours canvas")).isEmpty());
      long before = Long.parseLong(b.text(TAIYUAN_PAID));
      b.screenshot("ops-board-1-before");

      PaidOrders.Placed p = PaidOrders.place(app, "TY001");
      b.await("the new order in the recent changes", d -> b.text("#board-recent").contains(p.orderNo()));
      b.await("Taiyuan's paid count up by one", d -> Long.parseLong(b.text(TAIYUAN_PAID)) >= before + 1);
      b.screenshot("ops-board-2-after-a-payment");

      app.app().services().pool()
          .preparedQuery("UPDATE report_order SET stage_since = now() - interval '30 hours' WHERE order_no = $1")
          .execute(Tuple.of(p.orderNo())).await(5, TimeUnit.SECONDS);
      app.app().modules().slaWatch().runOnce().await(10, TimeUnit.SECONDS);
      b.open(app.http().base() + "/ops/breaches");
      b.choose("stage", "PAID_TO_READY");
      b.choose("city", "140100");
      b.await("the breach listed", d -> b.text("#breach-list").contains(p.orderNo()));
      assertThat(b.text("#breach-list")).contains("已付款→已备好");
      b.screenshot("ops-breaches");

      String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
      b.open(app.http().base() + "/ops/reports");
      b.set("date", today);
      b.choose("version", "live");
      b.await("today's live report", d -> b.text("#report-caption").startsWith(today) && b.text("#report-caption").contains("实时"));
      List<String> cities = b.driver().findElements(By.cssSelector("#report tbody tr")).stream().map(r -> r.getText()).toList();
      assertThat(cities).hasSize(app.http().get("/api/v1/cities").jsonArray().size());
      assertThat(b.text("#report tfoot")).startsWith("合计");
      b.screenshot("ops-daily-report");

      String href = b.find("#report-xlsx").getDomProperty("href");
      assertThat(href).contains("format=xlsx").contains("date=" + today);
      HttpResponse<byte[]> file = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(URI.create(href))
          .header("Cookie", b.cookieHeader()).build(), HttpResponse.BodyHandlers.ofByteArray());
      assertThat(file.statusCode()).isEqualTo(200);
      try (ReadableWorkbook book = new ReadableWorkbook(new ByteArrayInputStream(file.body()))) {
        List<Row> rows = book.getFirstSheet().read();
        assertThat(rows).hasSize(cities.size() + 2);
        assertThat(rows.get(rows.size() - 1).getCellText(1)).isEqualTo("合计");
      }
    }
  }
}
