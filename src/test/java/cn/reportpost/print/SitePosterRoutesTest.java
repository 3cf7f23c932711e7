package cn.reportpost.print;

import cn.reportpost.testing.ReportPostExtension;
import cn.reportpost.testing.Staff;
import cn.reportpost.testing.TestHttp;
import com.google.zxing.BarcodeFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.imageio.ImageIO;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The site posters over HTTP: WeChat's permanent QR code, and Chinese that really renders. */
@ExtendWith(ReportPostExtension.class)
class SitePosterRoutesTest {

  private static HttpResponse<byte[]> get(TestHttp http, Staff staff, String path) throws Exception {
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(URI.create(http.base() + path))
        .header("Cookie", staff.cookie()).build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void thePngPosterCarriesTheSitesPermanentWeChatQrCode(TestHttp http) throws Exception {
    HttpResponse<byte[]> png = get(http, Staff.signIn(http, "ops"), "/api/v1/admin/sites/TY001/poster.png");
    assertThat(png.statusCode()).isEqualTo(200);
    assertThat(png.headers().firstValue("Content-Type")).hasValue("image/png");
    String qr = Printed.decode(ImageIO.read(new ByteArrayInputStream(png.body())), BarcodeFormat.QR_CODE);
    assertThat(qr).startsWith("http://weixin.qq.com/q/");
  }

  @Test
  void thePdfPosterHasTheSiteAndCityNamesAsRealChineseText(TestHttp http) throws Exception {
    HttpResponse<byte[]> pdf = get(http, Staff.signIn(http, "admin"), "/api/v1/admin/sites/TY001/poster.pdf");
    assertThat(pdf.statusCode()).isEqualTo(200);
    assertThat(new String(pdf.body(), 0, 5)).isEqualTo("%PDF-");
    String text = Printed.text(pdf.body());
    assertThat(text).contains("太原小店区人民医院采样点1").contains("太原");
    assertThat(Printed.decode(Printed.pageImage(pdf.body(), 0, 300), BarcodeFormat.QR_CODE))
        .startsWith("http://weixin.qq.com/q/");
  }

  @Test
  void theCityZipHoldsAPngAndAPdfPerSiteAndOthersAreRefused(TestHttp http) throws Exception {
    HttpResponse<byte[]> zip = get(http, Staff.signIn(http, "admin"), "/api/v1/admin/cities/140100/posters.zip");
    assertThat(zip.statusCode()).isEqualTo(200);
    List<String> names = new ArrayList<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.body()))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        names.add(e.getName());
      }
    }
    assertThat(names).contains("TY001.png", "TY001.pdf", "TY002.png", "TY002.pdf");
    assertThat(get(http, Staff.signIn(http, "staff"), "/api/v1/admin/sites/TY001/poster.png").statusCode()).isEqualTo(403);
    assertThat(get(http, Staff.signIn(http, "admin"), "/api/v1/admin/sites/NOPE1/poster.pdf").statusCode()).isEqualTo(404);
  }
}
