package cn.reportpost.print;

import static cn.reportpost.print.Printed.FONT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.zxing.BarcodeFormat;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class HandoverSheetTest {

  private final HandoverSheet sheets = new HandoverSheet(FONT);

  static HandoverSheetData sheet(int orders) {
    List<HandoverSheetData.Line> lines = IntStream.range(0, orders)
        .mapToObj(i -> new HandoverSheetData.Line(String.format("RP250315%07dK", i),
            "赵" + "一二三四五六七八九".charAt(i % 9) + "娟", i % 2 == 0 ? "太原市" : "晋中市", 1 + i % 2))
        .toList();
    // 2025-03-15 06:30 UTC is 14:30 in Beijing.
    return new HandoverSheetData("HO20250315TY001003", "TY001", "太原市小店区人民医院核酸检测点",
        Instant.parse("2025-03-15T06:30:00Z"), lines);
  }

  @Test
  void sheetNamesSiteBatchTimeOrdersCountAndBothSignatures() {
    byte[] pdf = sheets.render(sheet(5));
    Printed.save("handover-5.pdf", pdf);

    assertThat(Printed.pages(pdf)).isEqualTo(1);
    assertThat(Printed.text(pdf)).contains("核酸检测纸质报告交接单", "太原市小店区人民医院核酸检测点",
        "TY001", "HO20250315TY001003", "2025-03-15 14:30", "RP2503150000000K", "RP2503150000004K",
        "赵一娟", "赵五娟", "晋中市", "合计：5 单，报告 7 份", "交出人（检测点）签字", "接收人（快递员）签字", "日期");
  }

  @Test
  void longBatchRunsOverPagesWithEveryOrderOnceAndSignaturesOnlyAtTheEnd() {
    byte[] pdf = sheets.render(sheet(120));
    Printed.save("handover-120.pdf", pdf);

    int pages = Printed.pages(pdf);
    assertThat(pages).isGreaterThan(3);
    String text = Printed.text(pdf);
    for (int i = 0; i < 120; i++) {
      String orderNo = String.format("RP250315%07dK", i);
      assertThat(text.indexOf(orderNo)).as(orderNo).isNotNegative().isEqualTo(text.lastIndexOf(orderNo));
    }
    assertThat(text).contains("第 " + pages + " / " + pages + " 页", "（续）", "合计：120 单，报告 180 份");
    assertThat(text.indexOf("交出人")).isGreaterThan(text.indexOf("RP2503150000119K"));
  }

  @Test
  void signaturesMoveToANewPageWithTheLastOrdersRatherThanOffTheBottom() {
    // Exactly enough rows to fill the first page leaves no room for the signatures.
    int firstPageRows = HandoverSheet.paginate(sheet(200).orders()).get(0).size();
    List<List<HandoverSheetData.Line>> pages = HandoverSheet.paginate(sheet(firstPageRows).orders());
    assertThat(pages).hasSize(2);
    assertThat(pages.get(0)).hasSize(firstPageRows - 5);
    assertThat(pages.get(1)).hasSize(5);

    byte[] pdf = sheets.render(sheet(firstPageRows));
    assertThat(Printed.pages(pdf)).isEqualTo(2);
    assertThat(Printed.text(pdf)).contains("第 2 / 2 页", "接收人（快递员）签字");
  }

  @Test
  void shortBatchesStayOnOnePage() {
    for (int orders = 1; orders <= 20; orders++) {
      assertThat(HandoverSheet.paginate(sheet(orders).orders())).as("%d orders", orders).hasSize(1);
    }
  }

  @Test
  void handoverNumberIsAlsoAScannableBarcode() throws Exception {
    byte[] pdf = sheets.render(sheet(3));
    assertThat(Printed.decode(Printed.pageImage(pdf, 0, 150), BarcodeFormat.CODE_128)).isEqualTo("HO20250315TY001003");
  }

  @Test
  void handoverNumberIsAQrCodeTheCourierAppScans() throws Exception {
    byte[] pdf = sheets.render(sheet(3));
    assertThat(Printed.decode(Printed.pageImage(pdf, 0, 150), BarcodeFormat.QR_CODE)).isEqualTo("HO20250315TY001003");
  }

  @Test
  void anEmptyHandoverIsRefused() {
    assertThatThrownBy(() -> sheet(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
