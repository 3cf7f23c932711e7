package cn.reportpost.wechat;

import cn.reportpost.Services;
import cn.reportpost.testing.ReportPostExtension;
import cn.reportpost.testing.TestApp;
import cn.reportpost.testing.TestHttp;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.imageio.ImageIO;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static cn.reportpost.wechat.Await.failure;
import static cn.reportpost.wechat.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(ReportPostExtension.class)
class MpGatewayTest {

  private static MpApi mp(TestApp app) {
    return app.app().services().wechat().mp();
  }

  /** Follows the authorize URL the way a browser in WeChat would, and answers the redirect's code. */
  private static String authorize(TestApp app, String url, String extra, String expectedState) {
    String path = url.substring(url.indexOf("/connect/"), url.indexOf('#')) + extra;
    TestHttp.Response r = app.sandboxHttp().get(path);
    assertThat(r.status()).isEqualTo(302);
    String location = r.header("Location");
    assertThat(location).startsWith("https://reportpost.example/wx/oauth/callback?code=").endsWith("&state=" + expectedState);
    return location.substring(location.indexOf("code=") + 5, location.indexOf("&state="));
  }

  @Test
  void oauthCodeExchangesForTheOpenidOnce(TestApp app) {
    String url = mp(app).authorizeUrl("https://reportpost.example/wx/oauth/callback", "s1");
    assertThat(url).contains("/connect/oauth2/authorize?appid=").contains("scope=snsapi_base").endsWith("#wechat_redirect");

    String code = authorize(app, url, "&openid=oResidentA", "s1");
    assertThat(result(mp(app).openidForCode(code))).isEqualTo("oResidentA");
    assertThat(failure(mp(app).openidForCode(code)).code()).isEqualTo("40029");

    String demo = authorize(app, url, "", "s1");
    assertThat(result(mp(app).openidForCode(demo))).startsWith("oDemo");
  }

  @Test
  void templateAndCustomerServiceMessagesReachTheUser(TestApp app) {
    String openid = "oMsg" + UUID.randomUUID();
    String msgid = result(mp(app).sendTemplate(openid, "TPL_SHIPPED", "https://reportpost.example/h5/order",
        Map.of("thing1", "报告已寄出", "character_string2", "SF1234567890")));
    result(mp(app).sendText(openid, "您的报告已交邮"));

    JsonArray sent = app.sandboxHttp().get("/sandbox/mp/sent?openid=" + openid).jsonArray();
    assertThat(sent).hasSize(2);
    JsonObject template = sent.getJsonObject(0);
    assertThat(template.getString("kind")).isEqualTo("template");
    assertThat(template.getLong("msgid").toString()).isEqualTo(msgid);
    assertThat(template.getJsonObject("message").getString("template_id")).isEqualTo("TPL_SHIPPED");
    assertThat(template.getJsonObject("message").getJsonObject("data").getJsonObject("thing1").getString("value"))
        .isEqualTo("报告已寄出");
    JsonObject custom = sent.getJsonObject(1);
    assertThat(custom.getString("kind")).isEqualTo("custom");
    assertThat(custom.getJsonObject("message").getJsonObject("text").getString("content")).isEqualTo("您的报告已交邮");
  }

  @Test
  void parametricQrCodesEncodeTheirTicketUrl(TestApp app) throws Exception {
    MpApi.QrCode temporary = result(mp(app).temporaryQr("site:140100001", Duration.ofHours(1)));
    assertThat(temporary.expireSeconds()).isEqualTo(3600);
    assertThat(decodeQr(temporary.imageUrl())).isEqualTo(temporary.url());

    MpApi.QrCode permanent = result(mp(app).permanentQr("site:140100002"));
    assertThat(permanent.ticket()).isNotEqualTo(temporary.ticket());
    assertThat(decodeQr(permanent.imageUrl())).isEqualTo(permanent.url()).startsWith("http://weixin.qq.com/q/");
  }

  private static String decodeQr(String imageUrl) throws Exception {
    HttpResponse<byte[]> r = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(URI.create(imageUrl)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("image/png");
    return pureQr(r.body());
  }

  /** The text of a QR code PNG as the sandbox draws it: the code alone, on a white margin. */
  static String pureQr(byte[] png) throws Exception {
    var image = ImageIO.read(new ByteArrayInputStream(png));
    // PURE_BARCODE: ZXing's camera-oriented detector misses about one in eight perfectly synthetic
    // images (measured: 35 of 300); reading the image as the clean code it is never missed.
    return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))),
        Map.of(DecodeHintType.PURE_BARCODE, true)).getText();
  }

  @Test
  void menuIsCreatedAndAnInvalidOneRefused(TestApp app) {
    String menu = "{\"button\":[{\"type\":\"view\",\"name\":\"寄报告\",\"url\":\"https://reportpost.example/h5/\"},"
        + "{\"name\":\"我的\",\"sub_button\":[{\"type\":\"click\",\"name\":\"订单\",\"key\":\"MY_ORDERS\"}]}]}";
    result(mp(app).createMenu(menu));
    assertThat(app.sandboxHttp().get("/sandbox/mp/menu").json()).isEqualTo(new JsonObject(menu));

    String tooMany = "{\"button\":[{\"name\":\"a\"},{\"name\":\"b\"},{\"name\":\"c\"},{\"name\":\"d\"}]}";
    assertThat(failure(mp(app).createMenu(tooMany)).code()).isEqualTo("40016");
  }

  @Test
  void wrongAppCredentialsGetWeChatsErrorAndNoToken(TestApp app) throws Exception {
    Services s = app.app().services();
    int before = app.app().sandbox().tokensIssued();
    try (WeChatGateway wrongSecret = WeChatGateway.create(s.vertx(), s.config().with("wechat.mp.secret", "wrong")
        .with("wechat.mp.tokenKeyPrefix", "t-" + UUID.randomUUID()), s.redis(), s.clock());
         WeChatGateway wrongApp = WeChatGateway.create(s.vertx(), s.config().with("wechat.mp.appId", "wx0000000000000000")
             .with("wechat.mp.tokenKeyPrefix", "t-" + UUID.randomUUID()), s.redis(), s.clock())) {
      assertThat(failure(wrongSecret.mp().sendText("oX", "hi")).code()).isEqualTo("40125");
      assertThat(failure(wrongApp.mp().sendText("oX", "hi")).code()).isEqualTo("40013");
    }
    assertThat(app.app().sandbox().tokensIssued()).isEqualTo(before);
  }
}
