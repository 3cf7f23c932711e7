package cn.reportpost.h5;

import cn.reportpost.testing.ReportPostExtension;
import cn.reportpost.testing.TestHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(ReportPostExtension.class)
class H5RoutesTest {

  private static final List<String> PAGES = List.of("/h5/order?site=TY001", "/h5/order", "/h5/confirm",
      "/h5/pay-result?orderNo=RP123", "/h5/orders", "/h5/orders/RP123", "/h5/orders/RP123/address", "/h5/help", "/");
  private static final Pattern ASSET_URL = Pattern.compile("\"(/h5/(?:assets|vendor)/[^\"]+)\"");
  private static final Pattern IMPORT = Pattern.compile("from '\\./([a-z0-9-]+\\.js)'");

  @Test
  void everyPageIsUtf8HtmlUnderTheContentSecurityPolicyAndRevalidatedOnEachVisit(TestHttp http) {
    for (String path : PAGES) {
      TestHttp.Response page = http.get(path);
      assertThat(page.status()).as(path).isEqualTo(200);
      assertThat(page.header("Content-Type")).as(path).isEqualTo("text/html; charset=utf-8");
      assertThat(page.header("Content-Security-Policy")).as(path).isEqualTo(
          "default-src 'self'; img-src 'self' data:; script-src 'self'; style-src 'self'; connect-src 'self'; "
              + "frame-ancestors 'none'");
      assertThat(page.header("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
      assertThat(page.header("Referrer-Policy")).as(path).isEqualTo("same-origin");
      assertThat(page.header("Cache-Control")).as(path).isEqualTo("no-cache");
      assertThat(page.header("ETag")).as(path).matches("\"[0-9a-f]{20}\"");
      assertThat(page.body()).as(path).contains("lang=\"zh-CN\"").doesNotContain("{{version}}");
    }
  }

  @Test
  void pagesCarryNoInlineScriptOrStyleThePolicyWouldBlock(TestHttp http) {
    for (String path : PAGES) {
      String html = http.get(path).body();
      assertThat(html).as(path).doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>")
          .doesNotContainPattern("\\sstyle=").doesNotContain("<style").doesNotContainPattern("\\son[a-z]+=");
    }
  }

  @Test
  void anUnchangedPageAnswers304ToItsETag(TestHttp http) {
    String etag = http.get("/h5/orders").header("ETag");
    TestHttp.Response again = http.get("/h5/orders", "If-None-Match", etag);
    assertThat(again.status()).isEqualTo(304);
    assertThat(again.body()).isEmpty();
    assertThat(http.get("/h5/orders", "If-None-Match", "\"stale\"").status()).isEqualTo(200);
  }

  @Test
  void everyAssetAPageNamesAndEveryModuleItImportsIsServedAndCachedForAYear(TestHttp http) {
    Set<String> urls = new TreeSet<>();
    for (String path : PAGES) {
      Matcher m = ASSET_URL.matcher(http.get(path).body());
      while (m.find()) {
        urls.add(m.group(1));
      }
    }
    assertThat(urls).contains(urls.stream().filter(u -> u.endsWith("/weui/weui.min.css")).findFirst().orElse("weui missing"));
    Set<String> seen = new TreeSet<>();
    List<String> queue = new java.util.ArrayList<>(urls);
    while (!queue.isEmpty()) {
      String url = queue.remove(0);
      if (!seen.add(url)) {
        continue;
      }
      TestHttp.Response asset = http.get(url);
      assertThat(asset.status()).as(url).isEqualTo(200);
      assertThat(asset.header("Cache-Control")).as(url).isEqualTo("public, max-age=31536000, immutable");
      assertThat(asset.header("X-Content-Type-Options")).as(url).isEqualTo("nosniff");
      if (url.endsWith(".js")) {
        assertThat(asset.header("Content-Type")).as(url).isEqualTo("text/javascript; charset=utf-8");
        Matcher imports = IMPORT.matcher(asset.body());
        while (imports.find()) {
          queue.add(url.substring(0, url.lastIndexOf('/') + 1) + imports.group(1));
        }
      } else if (url.endsWith(".svg")) {
        assertThat(asset.header("Content-Type")).as(url).isEqualTo("image/svg+xml");
      } else {
        assertThat(asset.header("Content-Type")).as(url).isEqualTo("text/css; charset=utf-8");
      }
    }
    assertThat(seen).as("modules reached through imports").anyMatch(u -> u.endsWith("/validate.js"))
        .anyMatch(u -> u.endsWith("/config.js")).anyMatch(u -> u.endsWith("/problems.js"))
        .anyMatch(u -> u.endsWith("/favicon.svg"));
  }

  @Test
  void anAssetOfAnotherVersionIsServedButNotPinnedInTheCache(TestHttp http) {
    TestHttp.Response old = http.get("/h5/assets/0123456789ab/api.js");
    assertThat(old.status()).isEqualTo(200);
    assertThat(old.header("Cache-Control")).isEqualTo("no-cache");
    assertThat(http.get("/h5/vendor/0123456789ab/weui/LICENSE.txt").body()).contains("MIT License");
  }

  @Test
  void missingFilesAndPathsOutsideTheAssetFoldersAre404AndNeverCached(TestHttp http) {
    String version = version(http);
    for (String path : List.of("/h5/assets/" + version + "/nope.js", "/h5/assets/" + version + "/../order.html",
        "/h5/assets/" + version + "/%2e%2e/order.html", "/h5/assets/" + version + "/.hidden.js",
        "/h5/assets/order.js", "/h5/vendor/" + version + "/weui/weui.min.css.map", "/h5/nope")) {
      TestHttp.Response r = http.get(path);
      assertThat(r.status()).as(path).isEqualTo(404);
      assertThat(r.header("Cache-Control")).as(path).isNotEqualTo("public, max-age=31536000, immutable");
    }
  }

  @Test
  void theHelpPageTakesTheServicePhoneFromTheOneConfigModule(TestHttp http) {
    String version = version(http);
    String config = http.get("/h5/assets/" + version + "/config.js").body();
    assertThat(config).contains("number: '11183'").contains("EMS");
    assertThat(http.get("/h5/help").body()).doesNotContain("11183");
  }

  private static String version(TestHttp http) {
    Matcher m = Pattern.compile("/h5/assets/([0-9a-f]{12})/").matcher(http.get("/h5/help").body());
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  @Test
  void theLandingPageLeadsResidentsToTheirFlowAndStaffToTheirPages(TestHttp http) {
    TestHttp.Response home = http.get("/");
    assertThat(home.status()).isEqualTo(200);
    assertThat(home.header("Content-Security-Policy")).isEqualTo(H5Routes.CONTENT_SECURITY_POLICY);
    assertThat(home.body()).contains("href=\"/h5/order\"", "href=\"/h5/orders\"", "href=\"/staff/\"",
        "href=\"/courier/\"", "rel=\"icon\"");
    TestHttp.Response icon = http.get("/favicon.ico");
    assertThat(icon.status()).isEqualTo(200);
    assertThat(icon.header("Content-Type")).isEqualTo("image/svg+xml");
    assertThat(icon.body()).startsWith("<svg");
  }
}
