package cn.reportpost.print;

import static cn.reportpost.print.Printed.FONT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.google.zxing.BarcodeFormat;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.junit.jupiter.api.Test;

class EnvelopeLabelsTest {

  private final EnvelopeLabels labels = new EnvelopeLabels(FONT);

  static LabelData label(int i) {
    return new LabelData(String.format("RP250315%07dK", i), "王晓" + "明红刚丽"
        .charAt(i % 4), "139****" + String.format("%04d", 1000 + i), "山西省", "太原市", "小店区",
        "长治路" + (100 + i) + "号 阳光花园3栋2单元1102室", "太原市小店区人民医院核酸检测点", 1 + i % 3);
  }

  static List<LabelData> labels(int count) {
    return IntStream.range(0, count).mapToObj(EnvelopeLabelsTest::label).toList();
  }

  @Test
  void everyLabelFormatCarriesOrderNumberNameAndAddressAsExtractableText() {
    for (LabelFormat format : LabelFormat.values()) {
      byte[] pdf = labels.render(labels(3), format);
      Printed.save("labels-" + format.name().toLowerCase() + ".pdf", pdf);

      // Address and site wrap differently per stock; read them as one run of text.
      String text = Printed.text(pdf).replace("\n", "");
      assertThat(text).as(format.name())
          .contains("RP2503150000000K", "RP2503150000002K", "王晓明", "王晓刚", "139****1001",
              "山西省太原市小店区长治路100号", "检测点 太原市小店区人民医院", "报告 3 份");
    }
  }

  @Test
  void chineseIsASubsetOfTheShippedFontEmbeddedInTheFile() throws IOException {
    try (PDDocument document = Loader.loadPDF(labels.render(labels(1), LabelFormat.A4_2X4))) {
      var resources = document.getPage(0).getResources();
      PDFont font = resources.getFont(resources.getFontNames().iterator().next());
      assertThat(font.isEmbedded()).isTrue();
      // A subset is named with a six-letter tag: ABCDEF+WenQuanYiMicroHei.
      assertThat(font.getName()).matches("[A-Z]{6}\\+" + CjkFont.POSTSCRIPT_NAME);
    }
  }

  @Test
  void manyLabelsFillAsManyPagesAsTheStockNeeds() {
    List<LabelData> fifty = labels(50);
    assertThat(Printed.pages(labels.render(fifty, LabelFormat.A4_3X7))).isEqualTo(3);
    assertThat(Printed.pages(labels.render(fifty, LabelFormat.A4_2X4))).isEqualTo(7);
    assertThat(Printed.pages(labels.render(labels(5), LabelFormat.THERMAL_100X150))).isEqualTo(5);
    assertThat(Printed.text(labels.render(fifty, LabelFormat.A4_3X7))).contains("RP2503150000049K");
  }

  @Test
  void thermalPageIs100By150Millimetres() throws IOException {
    try (PDDocument document = Loader.loadPDF(labels.render(labels(2), LabelFormat.THERMAL_100X150))) {
      for (var page : document.getPages()) {
        PDRectangle box = page.getMediaBox();
        assertThat(box.getWidth()).isCloseTo(283.46f, within(0.01f));
        assertThat(box.getHeight()).isCloseTo(425.20f, within(0.01f));
      }
    }
  }

  @Test
  void code128AndQrOnAThermalLabelScanBackToTheOrderNumber() throws Exception {
    byte[] pdf = labels.render(List.of(label(7)), LabelFormat.THERMAL_100X150);
    BufferedImage page = Printed.pageImage(pdf, 0, 203);
    assertThat(Printed.decode(page, BarcodeFormat.CODE_128)).isEqualTo("RP2503150000007K");
    assertThat(Printed.decode(page, BarcodeFormat.QR_CODE)).isEqualTo("RP2503150000007K");
  }

  @Test
  void eachSmallA4LabelScansToItsOwnOrderNumber() throws Exception {
    LabelFormat format = LabelFormat.A4_3X7;
    byte[] pdf = labels.render(labels(21), format);
    float dpi = 300;
    BufferedImage page = Printed.pageImage(pdf, 0, dpi);
    float px = dpi / 72f;
    for (int i : new int[] {0, 4, 20}) {
      int x = Math.round((format.leftMargin + (i % 3) * (format.labelWidth + format.columnGap)) * px);
      int y = Math.round((format.topMargin + (i / 3) * format.labelHeight) * px);
      BufferedImage one = page.getSubimage(x, y, Math.round(format.labelWidth * px), Math.round(format.labelHeight * px));
      String expected = label(i).orderNo();
      assertThat(Printed.decode(one, BarcodeFormat.CODE_128)).isEqualTo(expected);
      assertThat(Printed.decode(one, BarcodeFormat.QR_CODE)).isEqualTo(expected);
    }
  }

  @Test
  void charactersTheFontLacksPrintAsQuestionMarksInsteadOfFailingTheBatch() {
    LabelData odd = new LabelData("RP250315ABCDEFGK", "李\u0000四😀", "137****0000", "山西省",
        "大同市", "平城区", "新建南路\n8号", "大同市第一人民医院", 1);
    String text = Printed.text(labels.render(List.of(odd), LabelFormat.A4_2X4));
    assertThat(text).contains("李?四?", "新建南路 8号");
  }

  @Test
  void noLabelsIsRefusedRatherThanAnEmptyFile() {
    assertThatThrownBy(() -> labels.render(List.of(), LabelFormat.A4_3X7))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void workerThreadsShareOneLoadedFontSafely() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<String>> texts = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        List<LabelData> batch = labels(30).subList(t, t + 20);
        texts.add(pool.submit(() -> Printed.text(labels.render(batch, LabelFormat.A4_3X7))));
      }
      for (int t = 0; t < 8; t++) {
        assertThat(texts.get(t).get()).contains(label(t).orderNo(), label(t + 19).orderNo(), "阳光花园");
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
