package cn.reportpost.courier;

import cn.reportpost.testing.Accounts;
import cn.reportpost.testing.PaidOrders;
import cn.reportpost.testing.ReportPostExtension;
import cn.reportpost.testing.Staff;
import cn.reportpost.testing.TestApp;
import cn.reportpost.testing.TestHttp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A courier binds their WeChat once; a batch opened in their city then reaches them as a template message. */
@ExtendWith(ReportPostExtension.class)
class NewWorkNoticeTest {

  private final TestApp app;
  private final TestHttp http;

  NewWorkNoticeTest(TestApp app) {
    this.app = app;
    this.http = app.http();
  }

  /** The binding as the phone goes through it: our start, WeChat's authorize as {@code openid}, our callback. */
  private void bind(Staff courier, String openid) {
    TestHttp.Response start = courier.get("/courier/wechat/bind");
    assertThat(start.status()).as(start.body()).isEqualTo(302);
    String location = start.header("Location");
    int fragment = location.indexOf('#');
    String authorize = (fragment < 0 ? location : location.substring(0, fragment)) + "&openid=" + openid;
    TestHttp.Response wechat = TestHttp.absolute(authorize);
    assertThat(wechat.status()).as("sandbox authorize").isEqualTo(302);
    URI callback = URI.create(wechat.header("Location"));
    // No staff cookie: it is SameSite=Strict and stays behind on WeChat's redirect.
    TestHttp.Response back = http.get(callback.getRawPath() + "?" + callback.getRawQuery());
    assertThat(back.status()).as(back.body()).isEqualTo(302);
    assertThat(back.header("Location")).isEqualTo("/courier/?wechat=bound");
    TestHttp.Response replay = http.get(callback.getRawPath() + "?" + callback.getRawQuery());
    assertThat(replay.status()).as("a used state").isEqualTo(400);
  }

  private JsonArray sentTo(String openid) {
    return app.sandboxHttp().get("/sandbox/mp/sent?openid=" + openid).jsonArray();
  }

  @Test
  void boundCouriersOfTheBatchsCityHearOfItOnceWithTheSiteAndCount() throws Exception {
    long n = System.nanoTime() % 1_000_000;
    Staff taiyuan = Accounts.create(app, "courier-ty-n" + n, "COURIER", null, List.of("140100"));
    Staff datong = Accounts.create(app, "courier-dt-n" + n, "COURIER", null, List.of("140200"));
    String taiyuanOpenid = "oCourierTaiyuan" + n;
    String datongOpenid = "oCourierDatong" + n;
    assertThat(taiyuan.get("/api/v1/courier/wechat").json().getBoolean("bound")).isFalse();
    bind(taiyuan, taiyuanOpenid);
    bind(datong, datongOpenid);
    assertThat(taiyuan.get("/api/v1/courier/wechat").json().getBoolean("bound")).isTrue();

    Staff staff = Staff.signIn(http, "staff");
    String a = PaidOrders.place(app, "TY001").orderNo();
    String b = PaidOrders.place(app, "TY001").orderNo();
    for (String no : List.of(a, b)) {
      assertThat(staff.post("/api/v1/staff/orders/" + no + "/ready").status()).isEqualTo(200);
    }
    String handoverNo = staff.post("/api/v1/staff/handovers", Map.of("orderNos", List.of(a, b))).json().getString("handoverNo");

    long deadline = System.currentTimeMillis() + 30_000;
    while (sentTo(taiyuanOpenid).isEmpty() && System.currentTimeMillis() < deadline) {
      Thread.sleep(250);
    }
    JsonArray sent = sentTo(taiyuanOpenid);
    assertThat(sent).as("the Taiyuan courier's messages").hasSize(1);
    JsonObject message = sent.getJsonObject(0).getJsonObject("message");
    assertThat(message.getString("template_id")).isEqualTo(app.app().services().config().string("wechat.mp.courierTemplateId"));
    JsonObject data = message.getJsonObject("data");
    String siteName = app.app().services().catalog().snapshot().toCompletionStage().toCompletableFuture().get()
        .site("TY001").orElseThrow().name();
    assertThat(data.getJsonObject("thing1").getString("value")).isEqualTo(siteName.length() <= 20 ? siteName
        : siteName.substring(0, 19) + "…");
    assertThat(data.getJsonObject("number2").getString("value")).isEqualTo("2");
    assertThat(message.getString("url")).endsWith("/courier/#pickup");
    assertThat(sentTo(datongOpenid)).as("a courier of another city").isEmpty();
    assertThat(handoverNo).isNotBlank();
  }
}
