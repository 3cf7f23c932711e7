package cn.reportpost.print;

import cn.reportpost.testing.ReportPostExtension;
import cn.reportpost.testing.Sandbox;
import cn.reportpost.testing.Staff;
import cn.reportpost.testing.TestApp;
import cn.reportpost.testing.TestHttp;
import com.google.zxing.BarcodeFormat;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.imageio.ImageIO;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Posters of sites set to the mini-program's code, over HTTP and through the sandbox. The sites are
 * Yangquan's (140300), whose posters no other test fetches; each test sets its sites back to MP_QR.
 */
@ExtendWith(ReportPostExtension.class)
class MiniProgramPosterTest {

  private static final String OFFICIAL_ACCOUNT_QR = "http://weixin.qq.com/q/";

  private static String miniProgramCode(String site) {
    return "wxacode:pages/order/order?scene=" + site;
  }

  private static TestHttp.Response setPosterCode(TestHttp http, Staff staff, String site, String body) {
    return http.send("PUT", "/api/v1/admin/sites/" + site + "/poster-code", "application/json", body,
        "Cookie", staff.cookie(), "X-CSRF-Token", staff.csrf());
  }

  private static void set(TestHttp http, Staff admin, String site, String posterCode) {
    TestHttp.Response r = setPosterCode(http, admin, site, new JsonObject().put("posterCode", posterCode).encode());
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json()).isEqualTo(new JsonObject().put("code", site).put("posterCode", posterCode));
  }

  private static HttpResponse<byte[]> get(TestHttp http, Staff staff, String path) throws Exception {
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(URI.create(http.base() + path))
        .header("Cookie", staff.cookie()).build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static String scan(byte[] png) throws Exception {
    return Printed.decode(ImageIO.read(new ByteArrayInputStream(png)), BarcodeFormat.QR_CODE);
  }

  private static String posterCodeInDatabase(TestApp app, String site) throws Exception {
    return app.app().services().pool().preparedQuery("SELECT poster_code FROM site WHERE code = $1")
        .execute(Tuple.of(site)).await(5, TimeUnit.SECONDS).iterator().next().getString(0);
  }

  @Test
  void aSiteSetToTheMiniProgramHasItsCodeOnThePngAndThePdf(TestApp app, TestHttp http) throws Exception {
    Staff admin = Staff.signIn(http, "admin");
    set(http, admin, "YQ001", "MA_CODE");
    try {
      HttpResponse<byte[]> png = get(http, Staff.signIn(http, "ops"), "/api/v1/admin/sites/YQ001/poster.png");
      assertThat(png.statusCode()).isEqualTo(200);
      assertThat(png.headers().firstValue("Content-Type")).hasValue("image/png");
      assertThat(scan(png.body())).isEqualTo(miniProgramCode("YQ001"));

      HttpResponse<byte[]> pdf = get(http, admin, "/api/v1/admin/sites/YQ001/poster.pdf");
      assertThat(pdf.statusCode()).isEqualTo(200);
      assertThat(Printed.decode(Printed.pageImage(pdf.body(), 0, 300), BarcodeFormat.QR_CODE))
          .isEqualTo(miniProgramCode("YQ001"));
      assertThat(Printed.text(pdf.body())).contains("微信扫一扫 · 打开小程序下单", "YQ001");

      Row audit = app.app().services().pool().query(
          "SELECT actor, action, target, detail FROM audit_log WHERE action = 'site.poster-code' ORDER BY id DESC LIMIT 1")
          .execute().await(5, TimeUnit.SECONDS).iterator().next();
      assertThat(audit.toJson().getMap()).containsEntry("actor", "admin").containsEntry("target", "YQ001")
          .containsEntry("detail", "MA_CODE");
    } finally {
      set(http, admin, "YQ001", "MP_QR");
    }
    assertThat(scan(get(http, admin, "/api/v1/admin/sites/YQ001/poster.png").body())).startsWith(OFFICIAL_ACCOUNT_QR);
  }

  @Test
  void theCityZipCarriesEachSitesOwnCode(TestHttp http) throws Exception {
    Staff admin = Staff.signIn(http, "admin");
    set(http, admin, "YQ002", "MA_CODE");
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try {
      HttpResponse<byte[]> zip = get(http, admin, "/api/v1/admin/cities/140300/posters.zip");
      assertThat(zip.statusCode()).isEqualTo(200);
      try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.body()))) {
        for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
          entries.put(e.getName(), in.readAllBytes());
        }
      }
    } finally {
      set(http, admin, "YQ002", "MP_QR");
    }
    assertThat(entries).containsKeys("YQ001.png", "YQ002.png", "YQ002.pdf", "YQ010.png");
    for (Map.Entry<String, byte[]> e : entries.entrySet()) {
      if (e.getKey().equals("YQ002.png")) {
        assertThat(scan(e.getValue())).isEqualTo(miniProgramCode("YQ002"));
      } else if (e.getKey().endsWith(".png")) {
        assertThat(scan(e.getValue())).as(e.getKey()).startsWith(OFFICIAL_ACCOUNT_QR);
      }
    }
    assertThat(Printed.text(entries.get("YQ002.pdf"))).contains("打开小程序下单");
    assertThat(Printed.text(entries.get("YQ001.pdf"))).contains("微信扫码 · 在线下单").doesNotContain("小程序");
  }

  @Test
  void onlyAnAdminSetsThePosterCodeAndOnlyToAKnownValue(TestApp app, TestHttp http) throws Exception {
    Staff admin = Staff.signIn(http, "admin");
    for (String body : new String[] {"{\"posterCode\":\"ma_code\"}", "{\"posterCode\":\"QR\"}", "{\"posterCode\":1}",
        "{\"posterCode\":null}", "{}"}) {
      TestHttp.Response r = setPosterCode(http, admin, "YQ003", body);
      assertThat(r.status()).as(body).isEqualTo(400);
      assertThat(r.header("Content-Type")).isEqualTo("application/problem+json");
      assertThat(r.json().getJsonArray("errors").getJsonObject(0).getMap())
          .containsEntry("field", "posterCode").containsEntry("message", "must be MP_QR or MA_CODE");
    }
    assertThat(setPosterCode(http, admin, "YQ003", "{\"posterCode\":").status()).isEqualTo(400);
    TestHttp.Response unknown = setPosterCode(http, admin, "NOPE1", "{\"posterCode\":\"MA_CODE\"}");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().getString("detail")).contains("NOPE1");

    String good = "{\"posterCode\":\"MA_CODE\"}";
    assertThat(setPosterCode(http, Staff.signIn(http, "ops"), "YQ003", good).status()).isEqualTo(403);
    assertThat(setPosterCode(http, Staff.signIn(http, "staff"), "YQ003", good).status()).isEqualTo(403);
    assertThat(http.send("PUT", "/api/v1/admin/sites/YQ003/poster-code", "application/json", good,
        "Cookie", admin.cookie()).status()).as("without the CSRF token").isEqualTo(403);
    assertThat(http.send("PUT", "/api/v1/admin/sites/YQ003/poster-code", "application/json", good).status())
        .as("signed out").isEqualTo(401);
    assertThat(posterCodeInDatabase(app, "YQ003")).isEqualTo("MP_QR");
  }

  @Test
  void aWeChatFailureIsA502NamingTheSite(TestHttp http, Sandbox sandbox) throws Exception {
    Staff admin = Staff.signIn(http, "admin");
    set(http, admin, "YQ004", "MA_CODE");
    try {
      sandbox.fault("/wxa/getwxacodeunlimit", "http500", 1);
      TestHttp.Response failed = admin.get("/api/v1/admin/sites/YQ004/poster.png");
      assertThat(failed.status()).isEqualTo(502);
      assertThat(failed.header("Content-Type")).isEqualTo("application/problem+json");
      assertThat(failed.json().getString("detail")).contains("site YQ004's mini-program code", "ma.wxacode");
    } finally {
      set(http, admin, "YQ004", "MP_QR");
    }
    sandbox.fault("/cgi-bin/qrcode/create", "http500", 1);
    TestHttp.Response failed = admin.get("/api/v1/admin/sites/YQ005/poster.pdf");
    assertThat(failed.status()).isEqualTo(502);
    assertThat(failed.json().getString("detail")).contains("site YQ005's permanent QR code", "mp.qrcode");
  }

  @Test
  void theSiteImportTakesThePosterCodeColumnAndNamesTheLineOfABadValue(TestApp app, TestHttp http) throws Exception {
    Staff admin = Staff.signIn(http, "admin");
    String header = "code,name,city_code,address,fee_fen,out_of_province_fee_fen,accepting,contact_phone,poster_code\n";
    TestHttp.Response bad = http.post("/api/v1/admin/sites/import", "text/csv", header
        + "ZZ400,海报导入点,141100,吕梁市导入路1号,1500,,true,,MP_QR\n"
        + "ZZ401,海报导入点二,141100,吕梁市导入路2号,1500,,true,,MINI\n", "Cookie", admin.cookie(), "X-CSRF-Token", admin.csrf());
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().getJsonArray("errors").getJsonObject(0).getMap()).containsEntry("field", "line 3")
        .containsEntry("message", "poster_code must be MP_QR or MA_CODE, got 'MINI'");
    assertThat(app.app().services().pool().query("SELECT count(*) FROM site WHERE code IN ('ZZ400', 'ZZ401')")
        .execute().await(5, TimeUnit.SECONDS).iterator().next().getLong(0)).isZero();

    TestHttp.Response good = http.post("/api/v1/admin/sites/import", "text/csv", header
        + "ZZ400,海报导入点,141100,吕梁市导入路1号,1500,,true,,MA_CODE\n", "Cookie", admin.cookie(), "X-CSRF-Token", admin.csrf());
    assertThat(good.status()).as(good.body()).isEqualTo(200);
    assertThat(posterCodeInDatabase(app, "ZZ400")).isEqualTo("MA_CODE");
    set(http, admin, "ZZ400", "MP_QR");
  }
}
