package cn.reportpost.print;

import static cn.reportpost.print.Printed.FONT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.qrcode.QRCodeWriter;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class PostersTest {

  /** What the sandbox's stand-in for a mini-program code reads. */
  private static final String MINI_PROGRAM_CODE = "wxacode:pages/order/order?scene=DT002";
  private final Posters posters = new Posters(FONT);

  static PosterData taiyuan() {
    return PosterData.withQrText("TY001", "太原市小店区人民医院核酸检测点", "山西省 · 太原市", 1500,
        "https://reportpost.cn/h5/order?site=TY001");
  }

  /** A code image as WeChat returns it: square, with its own white margin. */
  static byte[] wechatCodePng(String text) throws Exception {
    var matrix = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 430, 430);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    MatrixToImageWriter.writeToStream(matrix, "png", out);
    return out.toByteArray();
  }

  static BufferedImage image(byte[] png) throws IOException {
    return ImageIO.read(new ByteArrayInputStream(png));
  }

  @Test
  void pngPosterIsA4At150DpiAndItsQrScansToTheOrderingPage() throws Exception {
    byte[] png = posters.png(taiyuan());
    Printed.save("poster-TY001.png", png);
    BufferedImage poster = image(png);

    assertThat(poster.getWidth()).isEqualTo(1240);
    assertThat(poster.getHeight()).isEqualTo(1754);
    assertThat(Printed.decode(poster, BarcodeFormat.QR_CODE)).isEqualTo("https://reportpost.cn/h5/order?site=TY001");
  }

  @Test
  void aMiniProgramCodeIsPlacedAsGivenStillScansAndItsCaptionSaysItOpensTheMiniProgram() throws Exception {
    PosterData poster = PosterData.withMiniProgramCode("DT002", "大同市第一人民医院", "山西省 · 大同市", 1200,
        wechatCodePng(MINI_PROGRAM_CODE));
    byte[] png = posters.png(poster);
    byte[] pdf = posters.pdf(poster);
    Printed.save("poster-DT002.png", png);
    Printed.save("poster-DT002.pdf", pdf);

    assertThat(Printed.decode(image(png), BarcodeFormat.QR_CODE)).isEqualTo(MINI_PROGRAM_CODE);
    assertThat(Printed.decode(Printed.pageImage(pdf, 0, 100), BarcodeFormat.QR_CODE)).isEqualTo(MINI_PROGRAM_CODE);
    assertThat(Printed.text(pdf)).contains("微信扫一扫 · 打开小程序下单", "填写信息并支付", "报告邮寄到家")
        .doesNotContain("微信扫码 · 在线下单");
  }

  @Test
  void pdfPosterCarriesSiteCityFeeAndTheThreeStepsAsText() throws Exception {
    byte[] pdf = posters.pdf(taiyuan());
    Printed.save("poster-TY001.pdf", pdf);

    assertThat(Printed.pages(pdf)).isEqualTo(1);
    assertThat(Printed.text(pdf)).contains("太原市小店区人民医院核酸检测点", "山西省 · 太原市", "¥15.00",
        "微信扫码 · 在线下单", "微信扫一扫", "填写信息并支付", "报告邮寄到家", "TY001").doesNotContain("小程序");
    assertThat(Printed.decode(Printed.pageImage(pdf, 0, 100), BarcodeFormat.QR_CODE))
        .isEqualTo("https://reportpost.cn/h5/order?site=TY001");
  }

  @Test
  void siteNameOnThePngIsDrawnInRealGlyphsNotBoxes() throws Exception {
    // Same length, different characters: boxes would draw both names identically.
    String first = "太原市人民医院";
    String second = "大同市第一医院";
    assertThat(FONT.awt(30).canDisplayUpTo(first + second)).isEqualTo(-1);

    int[] a = siteNameBand(posters.png(PosterData.withQrText("AA01", first, "太原市", 1500, "x")));
    int[] b = siteNameBand(posters.png(PosterData.withQrText("AA01", second, "太原市", 1500, "x")));

    assertThat(Arrays.stream(a).filter(PostersTest::dark).count()).isGreaterThan(500);
    assertThat(Arrays.equals(a, b)).as("two different names drew the same pixels").isFalse();
  }

  private static int[] siteNameBand(byte[] png) throws IOException {
    BufferedImage poster = image(png);
    float k = Posters.PNG_DPI / 72f;
    int top = Math.round(PosterLayout.SITE_NAME_TOP * k);
    int height = Math.round((PosterLayout.SITE_NAME_BOTTOM - PosterLayout.SITE_NAME_TOP) * k);
    return poster.getRGB(0, top, poster.getWidth(), height, null, 0, poster.getWidth());
  }

  private static boolean dark(int rgb) {
    return (rgb & 0xFF) < 100 && ((rgb >> 8) & 0xFF) < 100 && ((rgb >> 16) & 0xFF) < 100;
  }

  @Test
  void cityZipHoldsOnePngAndOnePdfPerSiteNamedBySiteCode() throws Exception {
    List<PosterData> city = List.of(taiyuan(),
        PosterData.withMiniProgramCode("TY002", "太原市杏花岭区中心医院", "山西省 · 太原市", 1500,
            wechatCodePng(MINI_PROGRAM_CODE)));
    byte[] zip = posters.cityZip(city);
    Printed.save("posters-taiyuan.zip", zip);

    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
        entries.put(entry.getName(), in.readAllBytes());
      }
    }
    assertThat(entries).containsOnlyKeys("TY001.png", "TY001.pdf", "TY002.png", "TY002.pdf");
    assertThat(image(entries.get("TY002.png")).getWidth()).isEqualTo(1240);
    assertThat(Printed.text(entries.get("TY002.pdf"))).contains("太原市杏花岭区中心医院");
  }

  @Test
  void aSiteTwiceInOneZipIsRefused() {
    assertThatThrownBy(() -> posters.cityZip(List.of(taiyuan(), taiyuan())))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TY001");
  }

  @Test
  void aCodeImageThatIsNoImageIsRefused() {
    PosterData poster = PosterData.withMiniProgramCode("TY003", "某检测点", "太原市", 1500, "<html>".getBytes());
    assertThatThrownBy(() -> posters.png(poster)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void posterNeedsExactlyOneFormOfCodeAndASiteCodeFitForAFileName() {
    assertThatThrownBy(() -> new PosterData("TY001", "a", "b", 1500, null, null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PosterData("TY001", "a", "b", 1500, new byte[1], "x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PosterData.withQrText("../TY", "a", "b", 1500, "x")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void feeIsShownInYuanWithTwoDecimals() {
    assertThat(PosterData.withQrText("TY001", "a", "b", 1500, "x").feeText()).isEqualTo("¥15.00");
    assertThat(PosterData.withQrText("TY001", "a", "b", 5, "x").feeText()).isEqualTo("¥0.05");
    assertThat(PosterData.withQrText("TY001", "a", "b", 123456, "x").feeText()).isEqualTo("¥1234.56");
  }
}
