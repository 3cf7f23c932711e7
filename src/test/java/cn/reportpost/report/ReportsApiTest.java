package cn.reportpost.report;

import cn.reportpost.testing.Orders;
import cn.reportpost.testing.PaidOrders;
import cn.reportpost.testing.ReportPostExtension;
import cn.reportpost.testing.Residents;
import cn.reportpost.testing.Staff;
import cn.reportpost.testing.TestApp;
import cn.reportpost.testing.TestHttp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The daily report (every city, zeros, totals, kept after the cut-off) and the order export (streamed, masked, safe). */
@ExtendWith(ReportPostExtension.class)
class ReportsApiTest {

  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  private final TestApp app;
  private final TestHttp http;

  ReportsApiTest(TestApp app) {
    this.app = app;
    this.http = app.http();
  }

  private static String today() {
    return LocalDate.now(SHANGHAI).toString();
  }

  @Test
  void onlyOperationsAndAdminsGetReportsAndExports() {
    List<String> paths = List.of("/api/v1/ops/reports/daily?date=" + today(),
        "/api/v1/ops/exports/orders?from=" + today() + "&to=" + today());
    for (String path : paths) {
      assertThat(http.get(path).status()).as(path).isEqualTo(401);
      for (String user : List.of("staff", "courier")) {
        assertThat(Staff.signIn(http, user).get(path).status()).as(user + " " + path).isEqualTo(403);
      }
      for (String user : List.of("ops", "admin")) {
        assertThat(Staff.signIn(http, user).get(path).status()).as(user + " " + path).isEqualTo(200);
      }
    }
  }

  @Test
  void badParametersAreRefusedNamingTheField() {
    Staff ops = Staff.signIn(http, "ops");
    assertField(ops.get("/api/v1/ops/reports/daily"), "date");
    assertField(ops.get("/api/v1/ops/reports/daily?date=2026-13-01"), "date");
    assertField(ops.get("/api/v1/ops/reports/daily?date=" + LocalDate.now(SHANGHAI).plusDays(2)), "date");
    assertField(ops.get("/api/v1/ops/reports/daily?date=" + today() + "&format=pdf"), "format");
    assertField(ops.get("/api/v1/ops/reports/daily?date=" + today() + "&version=draft"), "version");
    assertField(ops.get("/api/v1/ops/exports/orders?from=" + today()), "to");
    assertField(ops.get("/api/v1/ops/exports/orders?from=" + today() + "&to=2020-01-01"), "to");
    assertField(ops.get("/api/v1/ops/exports/orders?from=" + today() + "&to=" + today() + "&status=LOST"), "status");
    assertField(ops.get("/api/v1/ops/exports/orders?from=" + today() + "&to=" + today() + "&unmasked=true"), "reason");
  }

  private static void assertField(TestHttp.Response r, String field) {
    assertThat(r.status()).as(r.body()).isEqualTo(400);
    assertThat(r.header("Content-Type")).startsWith("application/problem+json");
    assertThat(r.body()).contains("\"" + field + "\"");
  }

  @Test
  void aDayWithNothingHasAZeroLineForEveryCityAndZeroTotals() {
    JsonObject report = Staff.signIn(http, "ops").get("/api/v1/ops/reports/daily?date=2020-01-01&version=live").json();
    JsonArray cities = http.get("/api/v1/cities").jsonArray();
    assertThat(report.getJsonArray("rows")).hasSize(cities.size());
    assertThat(report.getString("version")).isEqualTo("live");
    for (Object o : report.getJsonArray("rows")) {
      JsonObject row = (JsonObject) o;
      for (Object column : report.getJsonArray("columns")) {
        assertThat(row.getLong((String) column)).as(row.getString("name") + " " + column).isZero();
      }
    }
    assertThat(report.getJsonObject("totals").getLong("ordered")).isZero();
  }

  @Test
  void aPaidOrderIsInTodaysLiveFiguresAndTheTotalsAddUp() throws Exception {
    Staff ops = Staff.signIn(http, "ops");
    JsonObject before = taiyuan(ops.get("/api/v1/ops/reports/daily?date=" + today() + "&version=live").json());
    PaidOrders.place(app, "TY001");
    JsonObject report = ops.get("/api/v1/ops/reports/daily?date=" + today() + "&version=live").json();
    JsonObject after = taiyuan(report);
    assertThat(after.getLong("ordered")).isEqualTo(before.getLong("ordered") + 1);
    assertThat(after.getLong("paid")).isEqualTo(before.getLong("paid") + 1);
    assertThat(after.getLong("amountFen")).isGreaterThan(before.getLong("amountFen"));
    assertThat(report.getJsonArray("columns").getList()).containsExactly("ordered", "paid", "amountFen", "handedOver",
        "posted", "delivered", "failed", "refunded", "refundAmountFen", "afterSalesOpened", "afterSalesClosed", "breaches");
    for (Object column : report.getJsonArray("columns")) {
      long sum = report.getJsonArray("rows").stream().mapToLong(r -> ((JsonObject) r).getLong((String) column)).sum();
      assertThat(report.getJsonObject("totals").getLong((String) column)).as((String) column).isEqualTo(sum);
    }
  }

  @Test
  void aPartialRefundSettledTodayIsInTodaysRefundFiguresThoughTheOrderKeepsItsStatus() throws Exception {
    Staff ops = Staff.signIn(http, "ops");
    PaidOrders.Placed p = PaidOrders.place(app, "TY001");
    JsonObject before = taiyuan(ops.get("/api/v1/ops/reports/daily?date=" + today() + "&version=live").json());
    TestHttp.Response refund = ops.post("/api/v1/ops/orders/" + p.orderNo() + "/refunds",
        Map.of("amountFen", 300, "reason", "少寄一份报告，退差价"));
    assertThat(refund.status()).as(refund.body()).isEqualTo(201);
    assertThat(refund.json().getString("kind")).isEqualTo("PARTIAL");
    String status = null;
    for (int i = 0; i < 100 && !"SUCCESS".equals(status); i++) {
      Thread.sleep(100);
      status = ops.get("/api/v1/ops/orders/" + p.orderNo() + "/refunds").json().getJsonArray("items").getJsonObject(0)
          .getString("status");
    }
    assertThat(status).as("the sandbox settles the refund").isEqualTo("SUCCESS");

    JsonObject after = taiyuan(ops.get("/api/v1/ops/reports/daily?date=" + today() + "&version=live").json());
    assertThat(after.getLong("refunded")).isEqualTo(before.getLong("refunded") + 1);
    assertThat(after.getLong("refundAmountFen")).isEqualTo(before.getLong("refundAmountFen") + 300);
    assertThat(after.getLong("paid")).as("the order stays paid").isEqualTo(before.getLong("paid"));
  }

  @Test
  void aReportKeptAfterTheCutOffDoesNotChangeWithALateCorrectionWhileTheLiveFiguresDo() throws Exception {
    app.app().modules().reportKeeper().runOnce().await(10, TimeUnit.SECONDS);
    LocalDate day = LocalDate.now(SHANGHAI).minusDays(2);
    Staff ops = Staff.signIn(http, "ops");
    JsonObject kept = ops.get("/api/v1/ops/reports/daily?date=" + day + "&version=kept").json();
    assertThat(kept.getString("version")).isEqualTo("kept");
    assertThat(ops.get("/api/v1/ops/reports/daily?date=" + day).json().getString("version")).isEqualTo("kept");
    assertThat(ops.get("/api/v1/ops/reports/daily?date=" + today() + "&version=kept").status()).isEqualTo(404);

    // A late correction lands in that day's flow (as a backfilled transition would).
    app.app().services().pool().preparedQuery("""
            INSERT INTO ops_flow (hour, city_code, status, entered, amount_fen) VALUES ($1, '140100', 'DELIVERED', 1, 0)
            ON CONFLICT (hour, city_code, status) DO UPDATE SET entered = ops_flow.entered + 1""")
        .execute(Tuple.of(day.atTime(12, 0).atZone(SHANGHAI).toOffsetDateTime())).await(5, TimeUnit.SECONDS);
    JsonObject live = ops.get("/api/v1/ops/reports/daily?date=" + day + "&version=live").json();
    JsonObject keptAgain = ops.get("/api/v1/ops/reports/daily?date=" + day + "&version=kept").json();
    assertThat(taiyuan(live).getLong("delivered")).isEqualTo(taiyuan(kept).getLong("delivered") + 1);
    assertThat(taiyuan(keptAgain).getLong("delivered")).isEqualTo(taiyuan(kept).getLong("delivered"));
    assertThat(keptAgain.getString("generatedAt")).isEqualTo(kept.getString("generatedAt"));
  }

  @Test
  void theDailyReportDownloadsAsCsvAndAsXlsxWithAHeadingARowPerCityAndTheTotals() throws Exception {
    Staff ops = Staff.signIn(http, "ops");
    int cities = http.get("/api/v1/cities").jsonArray().size();
    TestHttp.Response csv = ops.get("/api/v1/ops/reports/daily?date=" + today() + "&format=csv");
    assertThat(csv.status()).isEqualTo(200);
    assertThat(csv.header("Content-Type")).startsWith("text/csv");
    assertThat(csv.header("Content-Disposition")).startsWith("attachment");
    assertThat(csv.body().split("\r\n")).hasSize(cities + 2);
    assertThat(csv.body()).contains("城市代码,城市,下单,付款", "合计");

    byte[] xlsx = download(ops, "/api/v1/ops/reports/daily?date=" + today() + "&format=xlsx");
    try (ReadableWorkbook book = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
      List<Row> rows = book.getFirstSheet().read();
      assertThat(rows).hasSize(cities + 2);
      assertThat(rows.get(0).getCellText(2)).isEqualTo("下单");
      assertThat(rows.get(rows.size() - 1).getCellText(1)).isEqualTo("合计");
    }
  }

  @Test
  void anExportReadsBackFromXlsxMaskedWithFormulasNeutralisedAndUnmaskedOnlyWithAReasonThatIsAudited() throws Exception {
    String cookie = Residents.signIn(http, "oExport" + System.nanoTime());
    JsonObject body = Orders.body().put("remark", "=HYPERLINK(\"http://evil\")");
    TestHttp.Response created = http.postJson("/api/v1/orders", body, "Cookie", cookie);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String orderNo = created.json().getString("orderNo");

    Staff ops = Staff.signIn(http, "ops");
    String query = "/api/v1/ops/exports/orders?from=" + today() + "&to=" + today() + "&city=140100&status=PENDING_PAYMENT";
    List<Row> rows = sheet(download(ops, query + "&format=xlsx"));
    assertThat(rows.size() - 1).isLessThan(10_000);
    assertThat(rows.get(0).getCellText(0)).isEqualTo("订单号");
    Row mine = rows.stream().filter(r -> r.getCellText(0).equals(orderNo)).findFirst().orElseThrow();
    assertThat(mine.getCellText(4)).isEqualTo("待支付");
    assertThat(mine.getCellText(8)).isEqualTo("张*");
    assertThat(mine.getCellText(10)).isEqualTo("138****5678");
    assertThat(mine.getCellText(16)).isEqualTo("***");
    assertThat(mine.getCellText(17)).isEqualTo("'=HYPERLINK(\"http://evil\")");
    assertThat(rows.stream().skip(1).map(r -> r.getCellText(4)).distinct().toList()).containsOnly("待支付");

    TestHttp.Response csv = ops.get(query + "&format=csv&unmasked=true&reason=" + "核对投诉".replace("核对投诉",
        java.net.URLEncoder.encode("核对投诉", java.nio.charset.StandardCharsets.UTF_8)));
    assertThat(csv.status()).isEqualTo(200);
    String line = csv.body().lines().filter(l -> l.startsWith(orderNo)).findFirst().orElseThrow();
    assertThat(line).contains("13812345678", "张三", "长风街100号2单元301", "'=HYPERLINK(");
    long audited = app.app().services().pool().preparedQuery(
            "SELECT count(*) FROM audit_log WHERE action = 'pii.export' AND actor = 'ops' AND detail LIKE '%核对投诉%'")
        .execute().await(5, TimeUnit.SECONDS).iterator().next().getLong(0);
    assertThat(audited).isPositive();
  }

  private byte[] download(Staff ops, String path) throws Exception {
    HttpResponse<byte[]> r = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(URI.create(http.base() + path))
        .header("Cookie", ops.cookie()).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).contains("spreadsheetml");
    return r.body();
  }

  private static List<Row> sheet(byte[] xlsx) throws Exception {
    try (ReadableWorkbook book = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
      return book.getFirstSheet().read();
    }
  }

  private static JsonObject taiyuan(JsonObject report) {
    return report.getJsonArray("rows").stream().map(JsonObject.class::cast)
        .filter(r -> r.getString("cityCode").equals("140100")).findFirst().orElseThrow();
  }
}
