package cn.reportpost.handover;

import cn.reportpost.testing.PaidOrders;
import cn.reportpost.testing.ReportPostExtension;
import cn.reportpost.testing.Staff;
import cn.reportpost.testing.TestApp;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Labels and the handover sheet, fetched as site staff would, read back with PDFBox. */
@ExtendWith(ReportPostExtension.class)
class PrintedPapersTest {

  private static byte[] pdf(TestApp app, Staff staff, String path) throws Exception {
    return pdf(app, staff, path, HttpRequest.newBuilder(URI.create(app.http().base() + path)));
  }

  /** Labels as the workbench asks for them: a POST with the order numbers in the body. */
  static byte[] labels(TestApp app, Staff staff, String format, List<String> orderNos) throws Exception {
    String body = new io.vertx.core.json.JsonObject().put("format", format).put("orderNos", orderNos).encode();
    return pdf(app, staff, "/api/v1/staff/labels", HttpRequest.newBuilder(URI.create(app.http().base() + "/api/v1/staff/labels"))
        .header("Content-Type", "application/json").header("X-CSRF-Token", staff.csrf())
        .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  private static byte[] pdf(TestApp app, Staff staff, String path, HttpRequest.Builder request) throws Exception {
    HttpResponse<byte[]> r = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(request.header("Cookie", staff.cookie()).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode()).as(path).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/pdf");
    return r.body();
  }

  private static String text(byte[] pdf) throws Exception {
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      return new PDFTextStripper().getText(doc);
    }
  }

  @Test
  void labelsInBothFormatsAndTheHandoverSheetCarryTheOrdersInChinese(TestApp app) throws Exception {
    Staff staff = Staff.signIn(app.http(), "staff");
    PaidOrders.Placed a = PaidOrders.place(app, "TY001");
    PaidOrders.Placed b = PaidOrders.place(app, "TY001");
    List<String> both = List.of(a.orderNo(), b.orderNo());
    String a4 = text(labels(app, staff, "A4_3X7", both));
    assertThat(a4).contains(a.orderNo(), b.orderNo(), "李四", "139****5678", "长风街100号").doesNotContain("13912345678");
    byte[] thermal = labels(app, staff, "THERMAL_100X150", both);
    try (PDDocument doc = Loader.loadPDF(thermal)) {
      assertThat(doc.getNumberOfPages()).isEqualTo(2);
      assertThat(doc.getPage(0).getMediaBox().getWidth()).isCloseTo(283.46f, org.assertj.core.data.Offset.offset(0.5f));
    }
    staff.post("/api/v1/staff/orders/" + a.orderNo() + "/ready");
    staff.post("/api/v1/staff/orders/" + b.orderNo() + "/ready");
    String handoverNo = staff.post("/api/v1/staff/handovers", Map.of("orderNos", List.of(a.orderNo(), b.orderNo())))
        .json().getString("handoverNo");
    String sheet = text(pdf(app, staff, "/api/v1/staff/handovers/" + handoverNo + "/sheet"));
    assertThat(sheet).contains(handoverNo, a.orderNo(), b.orderNo(), "交接单");
  }

  @Test
  void labelsOfAnotherSitesOrdersAreNotFound(TestApp app) throws Exception {
    PaidOrders.Placed other = PaidOrders.place(app, "TY002");
    Staff staff = Staff.signIn(app.http(), "staff");
    assertThat(staff.post("/api/v1/staff/labels", Map.of("orderNos", List.of(other.orderNo()))).status()).isEqualTo(404);
    assertThat(staff.post("/api/v1/staff/labels", Map.of("format", "POSTCARD", "orderNos", List.of(other.orderNo())))
        .status()).isEqualTo(400);
  }
}
