package cn.reportpost.chat;

import cn.reportpost.testing.Orders;
import cn.reportpost.testing.ReportPostExtension;
import cn.reportpost.testing.Residents;
import cn.reportpost.testing.Sandbox;
import cn.reportpost.testing.TestApp;
import cn.reportpost.testing.TestHttp;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import javax.imageio.ImageIO;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every conversation rule through real signed callbacks from the sandbox, in safe mode (the shared
 * test server's account has an EncodingAESKey) and in plain mode (a second server without one).
 */
@ExtendWith(ReportPostExtension.class)
class ChatbotCallbackTest {

  /** Started before the tests, so that its start-up is not counted against the first test's event loops. */
  @BeforeAll
  static void startThePlainModeServer() {
    TestApp.plainMode();
  }

  /** The server whose account runs in the given mode: the shared one (safe) or the plain-mode one. */
  static TestApp server(boolean plain, TestApp shared) {
    return plain ? TestApp.plainMode() : shared;
  }

  static JsonObject say(Sandbox sandbox, String openid, String content) {
    return deliver(sandbox, new JsonObject().put("openid", openid).put("msgType", "text").put("content", content));
  }

  static JsonObject event(Sandbox sandbox, String openid, String event, String key) {
    return deliver(sandbox, new JsonObject().put("openid", openid).put("msgType", "event").put("event", event)
        .put("eventKey", key));
  }

  static JsonObject deliver(Sandbox sandbox, JsonObject message) {
    TestHttp.Response r = sandbox.http().postJson("/sandbox/mp/messages", message);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().getInteger("status")).as("the product's answer to the callback").isEqualTo(200);
    return r.json();
  }

  static String content(JsonObject answer) {
    return answer.getJsonObject("reply").getString("Content", "");
  }

  static String fresh(String prefix) {
    return prefix + System.nanoTime();
  }

  @ParameterizedTest(name = "plain={0}")
  @ValueSource(booleans = {false, true})
  void posterScanAnswersANewsCardOpeningThatSitesOrderingPage(boolean plain, TestApp shared) {
    Sandbox sandbox = server(plain, shared).sandbox();
    for (JsonObject answer : new JsonObject[] {
        event(sandbox, fresh("oScanA"), "subscribe", "qrscene_TY001"),
        event(sandbox, fresh("oScanB"), "SCAN", "TY001")}) {
      JsonObject reply = answer.getJsonObject("reply");
      assertThat(reply.getString("MsgType")).isEqualTo("news");
      // The sandbox flattens <Articles> to its text: title, description and URL one after another.
      String article = reply.getString("Articles");
      assertThat(article).contains("太原小店区人民医院采样点1");
      assertThat(URLDecoder.decode(article, StandardCharsets.UTF_8)).contains("/wx/oauth/start?next=/h5/order?site=TY001");
      assertThat(article).contains("/h5/img/news-cover.png");
    }
  }

  @Test
  void theNewsCardsPictureIsTheGreenCoverWithItsWords(TestHttp http) throws Exception {
    HttpResponse<byte[]> png = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
        HttpRequest.newBuilder(URI.create(http.base() + "/h5/img/news-cover.png")).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(png.statusCode()).isEqualTo(200);
    assertThat(png.headers().firstValue("Content-Type")).hasValue("image/png");
    BufferedImage cover = ImageIO.read(new ByteArrayInputStream(png.body()));
    assertThat(cover.getWidth()).isEqualTo(900);
    assertThat(cover.getHeight()).isEqualTo(383);
    assertThat(cover.getRGB(5, 5) & 0xFFFFFF).as("the corner is WeChat green").isEqualTo(0x07C160);
    // Glyphs, not an empty green box: the title band holds white strokes, the margins none.
    assertThat(whitePixels(cover, 100, 110, 700, 80)).isGreaterThan(3000);
    assertThat(whitePixels(cover, 0, 0, 900, 60)).isZero();
  }

  private static int whitePixels(BufferedImage image, int x, int y, int w, int h) {
    int white = 0;
    for (int i = x; i < x + w; i++) {
      for (int j = y; j < y + h; j++) {
        if ((image.getRGB(i, j) & 0xFFFFFF) == 0xFFFFFF) {
          white++;
        }
      }
    }
    return white;
  }

  @ParameterizedTest(name = "plain={0}")
  @ValueSource(booleans = {false, true})
  void plainFollowIsWelcomedAndMenuClicksAreAnswered(boolean plain, TestApp shared) {
    Sandbox sandbox = server(plain, shared).sandbox();
    String openid = fresh("oFollow");
    assertThat(content(event(sandbox, openid, "subscribe", ""))).contains("欢迎").contains("/wx/oauth/start");
    assertThat(content(event(sandbox, openid, "CLICK", "NEW_ORDER"))).contains("/wx/oauth/start");
    assertThat(content(event(sandbox, openid, "CLICK", "HELP"))).contains("“查询”");
    assertThat(content(event(sandbox, openid, "CLICK", "MY_ORDERS"))).isEqualTo(ReplyTexts.NO_ORDERS);
  }

  @ParameterizedTest(name = "plain={0}")
  @ValueSource(booleans = {false, true})
  void orderWordsAndOrderNumbersAnswerOnlyTheSendersOwnOrders(boolean plain, TestApp shared) {
    TestApp app = server(plain, shared);
    Sandbox sandbox = app.sandbox();
    String owner = fresh("oOwner");
    String orderNo = placeOrder(app.http(), owner);
    for (String word : new String[] {"查询", "进度", "订单", "我的订单"}) {
      assertThat(content(say(sandbox, owner, word))).contains(orderNo).contains("待支付");
    }
    String own = content(say(sandbox, owner, orderNo));
    assertThat(own).contains("订单 " + orderNo + "：待支付").contains("最新进展");
    // Someone else asking for the same number learns nothing, not even that it exists.
    assertThat(content(say(sandbox, fresh("oStranger"), orderNo))).isEqualTo(ReplyTexts.NOT_FOUND);
    assertThat(content(say(sandbox, owner, "1234567890123"))).isEqualTo(ReplyTexts.NOT_FOUND);
  }

  @ParameterizedTest(name = "plain={0}")
  @ValueSource(booleans = {false, true})
  void humanWordsTransferAndAnythingElseGetsHelp(boolean plain, TestApp shared) {
    Sandbox sandbox = server(plain, shared).sandbox();
    String openid = fresh("oHelp");
    assertThat(say(sandbox, openid, "人工").getJsonObject("reply").getString("MsgType"))
        .isEqualTo("transfer_customer_service");
    assertThat(say(sandbox, openid, "客服").getJsonObject("reply").getString("MsgType"))
        .isEqualTo("transfer_customer_service");
    assertThat(content(say(sandbox, openid, "帮助"))).contains("“人工”");
    assertThat(content(say(sandbox, openid, "你们几点下班"))).contains("“人工”");
  }

  @ParameterizedTest(name = "plain={0}")
  @ValueSource(booleans = {false, true})
  void aRetriedOrderQuestionIsAnsweredOnce(boolean plain, TestApp shared) {
    Sandbox sandbox = server(plain, shared).sandbox();
    String openid = fresh("oRetry");
    JsonObject message = new JsonObject().put("openid", openid).put("msgType", "text").put("content", "查询")
        .put("msgId", System.nanoTime());
    assertThat(content(deliver(sandbox, message))).contains("还没有");
    assertThat(deliver(sandbox, message).getJsonObject("reply")).as("the retry").isEmpty();
    JsonObject click = new JsonObject().put("openid", openid).put("msgType", "event").put("event", "CLICK")
        .put("eventKey", "MY_ORDERS").put("createTime", System.currentTimeMillis() / 1000);
    assertThat(content(deliver(sandbox, click))).contains("还没有");
    assertThat(deliver(sandbox, click).getJsonObject("reply")).as("the retried event").isEmpty();
  }

  @ParameterizedTest(name = "plain={0}")
  @ValueSource(booleans = {false, true})
  void aRetriedFixedAnswerIsGivenAgainForWeChatToShowOnce(boolean plain, TestApp shared) {
    Sandbox sandbox = server(plain, shared).sandbox();
    String openid = fresh("oRetryHelp");
    JsonObject message = new JsonObject().put("openid", openid).put("msgType", "text").put("content", "帮助")
        .put("msgId", System.nanoTime());
    String first = content(deliver(sandbox, message));
    assertThat(first).contains("“人工”");
    assertThat(content(deliver(sandbox, message))).as("the retry, answered alike").isEqualTo(first);
    JsonObject follow = new JsonObject().put("openid", openid).put("msgType", "event").put("event", "subscribe")
        .put("eventKey", "").put("createTime", System.currentTimeMillis() / 1000);
    String welcome = content(deliver(sandbox, follow));
    assertThat(welcome).contains("欢迎");
    assertThat(content(deliver(sandbox, follow))).as("the retried event, answered alike").isEqualTo(welcome);
  }

  static String placeOrder(TestHttp http, String openid) {
    String cookie = Residents.signIn(http, openid);
    TestHttp.Response created = http.postJson("/api/v1/orders", Orders.body("TY001", "山西省"), "Cookie", cookie);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().getString("orderNo");
  }

  static String token(TestApp app) {
    return app.app().services().config().string("wechat.mp.token");
  }
}
