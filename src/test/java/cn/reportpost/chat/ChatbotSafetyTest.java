package cn.reportpost.chat;

import cn.reportpost.testing.ReportPostExtension;
import cn.reportpost.testing.Sandbox;
import cn.reportpost.testing.Staff;
import cn.reportpost.testing.TestApp;
import cn.reportpost.testing.TestHttp;
import com.sun.net.httpserver.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import me.chanjar.weixin.common.util.crypto.SHA1;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static cn.reportpost.chat.ChatbotCallbackTest.content;
import static cn.reportpost.chat.ChatbotCallbackTest.fresh;
import static cn.reportpost.chat.ChatbotCallbackTest.say;
import static org.assertj.core.api.Assertions.assertThat;

/** What keeps the callback honest: signatures, XXE, the 5-second budget, and ADMIN rules applied at once. */
@ExtendWith(ReportPostExtension.class)
class ChatbotSafetyTest {

  private static String signedQuery(TestApp app) {
    String timestamp = Long.toString(System.currentTimeMillis() / 1000);
    String nonce = "12345";
    return "?timestamp=" + timestamp + "&nonce=" + nonce + "&signature="
        + SHA1.gen(ChatbotCallbackTest.token(app), timestamp, nonce);
  }

  @Test
  void aBadSignatureIsRefusedWith403(TestApp app, TestHttp http) {
    String xml = "<xml><ToUserName>gh</ToUserName><FromUserName>oX</FromUserName><CreateTime>1</CreateTime>"
        + "<MsgType>text</MsgType><Content>查询</Content><MsgId>1</MsgId></xml>";
    TestHttp.Response forged = http.post("/wx/mp?timestamp=1&nonce=2&signature=" + "0".repeat(40), "text/xml", xml);
    assertThat(forged.status()).isEqualTo(403);
    assertThat(forged.header("Content-Type")).contains("problem+json");
    assertThat(http.post("/wx/mp", "text/xml", xml).status()).isEqualTo(403);
    assertThat(http.get("/wx/mp?timestamp=1&nonce=2&echostr=abc&signature=" + "0".repeat(40)).status()).isEqualTo(403);
    TestHttp.Response verified = http.get("/wx/mp" + signedQuery(app) + "&echostr=hello123");
    assertThat(verified.status()).isEqualTo(200);
    assertThat(verified.body()).isEqualTo("hello123");
  }

  @Test
  void xmlWithADoctypeIsRefusedWithoutFetchingItsEntities(TestApp app, TestHttp http) throws Exception {
    AtomicInteger fetched = new AtomicInteger();
    HttpServer trap = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    trap.createContext("/", exchange -> {
      fetched.incrementAndGet();
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    trap.start();
    try {
      String xml = "<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY xxe SYSTEM \"http://127.0.0.1:"
          + trap.getAddress().getPort() + "/secret\">]><xml><ToUserName>gh</ToUserName><FromUserName>oX</FromUserName>"
          + "<CreateTime>1</CreateTime><MsgType>text</MsgType><Content>&xxe;</Content><MsgId>7</MsgId></xml>";
      TestHttp.Response r = http.post("/wx/mp" + signedQuery(app), "text/xml", xml);
      assertThat(r.status()).isEqualTo(400);
      assertThat(r.body()).contains("DOCTYPE");
      Thread.sleep(300);
      assertThat(fetched.get()).as("requests the entity made to the trap").isZero();
    } finally {
      trap.stop(0);
    }
  }

  @Test
  void aSlowDatabaseStillGetsAReplyWithinFiveSecondsAndTheAnswerFollows(TestApp app, TestHttp http, Sandbox sandbox)
      throws Exception {
    String openid = fresh("oSlow");
    String orderNo = ChatbotCallbackTest.placeOrder(http, openid);
    // Holding the orders table makes the order lookup wait, as a stalled database would.
    SqlConnection lock = app.app().services().pool().getConnection().await(5, TimeUnit.SECONDS);
    try {
      lock.begin().await(5, TimeUnit.SECONDS);
      lock.query("LOCK TABLE report_order IN ACCESS EXCLUSIVE MODE").execute().await(5, TimeUnit.SECONDS);
      JsonObject answer = say(sandbox, openid, "查询");
      assertThat(answer.getLong("millis")).isLessThan(5000);
      assertThat(answer.getJsonObject("reply")).as("nothing passive: the answer comes later").isEmpty();
    } finally {
      lock.close().await(5, TimeUnit.SECONDS);
    }
    long deadline = System.currentTimeMillis() + 10_000;
    String sent = "";
    while (!sent.contains(orderNo) && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
      sent = sandbox.http().get("/sandbox/mp/sent?openid=" + openid).body();
    }
    assertThat(sent).contains("\"custom\"").contains(orderNo).contains("待支付");
  }

  @Test
  void anAdminKeywordRuleAppliesAtOnceAndStopsWhenDeleted(TestHttp http, Sandbox sandbox) {
    Staff admin = Staff.signIn(http, "admin");
    String keyword = "营业时间" + System.nanoTime() % 1000;
    TestHttp.Response added = admin.post("/api/v1/admin/chat-rules", new JsonObject().put("keyword", keyword)
        .put("match", "CONTAINS").put("priority", 5).put("reply", "周一至周五 8:00-17:00"));
    assertThat(added.status()).as(added.body()).isEqualTo(201);
    assertThat(content(say(sandbox, fresh("oRule"), "请问" + keyword + "？"))).isEqualTo("周一至周五 8:00-17:00");
    assertThat(admin.get("/api/v1/admin/chat-rules").body()).contains(keyword);

    long id = added.json().getLong("id");
    TestHttp.Response deleted = http.send("DELETE", "/api/v1/admin/chat-rules/" + id, "application/json", "",
        "Cookie", admin.cookie(), "X-CSRF-Token", admin.csrf());
    assertThat(deleted.status()).isEqualTo(204);
    assertThat(content(say(sandbox, fresh("oRule"), "请问" + keyword + "？"))).contains("“人工”");

    assertThat(admin.post("/api/v1/admin/chat-rules", new JsonObject().put("keyword", "").put("match", "LIKE"))
        .json().getJsonArray("errors").encode()).contains("keyword").contains("match").contains("reply");
    assertThat(Staff.signIn(http, "ops").post("/api/v1/admin/chat-rules",
        new JsonObject().put("keyword", "x").put("reply", "y")).status()).isEqualTo(403);
  }

  @Test
  void adminPublishesTheDefaultMenuWithTheThreeClickKeys(TestHttp http, Sandbox sandbox) {
    Staff admin = Staff.signIn(http, "admin");
    TestHttp.Response r = http.post("/api/v1/admin/menu", "application/json", "", "Cookie", admin.cookie(),
        "X-CSRF-Token", admin.csrf());
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    String menu = sandbox.http().get("/sandbox/mp/menu").body();
    assertThat(menu).contains("MY_ORDERS").contains("NEW_ORDER").contains("HELP").contains("/wx/oauth/start");
    assertThat(admin.post("/api/v1/admin/menu", new JsonObject().put("button", new io.vertx.core.json.JsonArray()))
        .status()).isEqualTo(400);
  }
}
