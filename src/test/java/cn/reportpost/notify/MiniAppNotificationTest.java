package cn.reportpost.notify;

import cn.reportpost.testing.MiniApps;
import cn.reportpost.testing.Outbox;
import cn.reportpost.testing.ReportPostExtension;
import cn.reportpost.testing.Sandbox;
import cn.reportpost.testing.TestApp;
import cn.reportpost.testing.TestHttp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Status messages to mini-program residents: the subscribe message while a consent is left (one
 * consent, one send), the official account's template message as the fallback, and every outcome
 * in the send log.
 */
@ExtendWith(ReportPostExtension.class)
class MiniAppNotificationTest {

  private final TestApp app;
  private final TestHttp http;
  private final Sandbox sandbox;
  private final Outbox outbox;
  private final String template;

  MiniAppNotificationTest(TestApp app, Sandbox sandbox) {
    this.app = app;
    this.http = app.http();
    this.sandbox = sandbox;
    this.outbox = new Outbox(app);
    this.template = app.app().services().config().string("wechat.ma.statusTemplateId");
  }

  /** The user accepts the prompt at WeChat, and the mini-program passes WeChat's answer on to us. */
  private JsonObject accept(String openid, String auth) {
    assertThat(sandbox.http().postJson("/sandbox/miniapp/subscribe",
        new JsonObject().put("openid", openid).put("templateId", template).put("count", 1)).status()).isEqualTo(200);
    return tellUs(auth, "accept");
  }

  private JsonObject tellUs(String auth, String choice) {
    TestHttp.Response r = http.postJson("/api/v1/miniapp/subscriptions", new JsonObject().put("results",
        new JsonObject().put(template, choice).put("errMsg", "requestSubscribeMessage:ok")), "Authorization", auth);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  private int consentsAtWeChat(String openid) {
    return sandbox.http().get("/sandbox/miniapp/consents?openid=" + openid + "&templateId=" + template).json()
        .getInteger("consents");
  }

  private List<JsonObject> sentTo(String openid, String orderNo) {
    JsonArray sent = sandbox.http().get("/sandbox/mp/sent?openid=" + openid).jsonArray();
    return sent.stream().map(m -> (JsonObject) m).filter(m -> m.encode().contains(orderNo)).toList();
  }

  /** A resident of the official account (with a unionid) who later opens the mini-program too. */
  private String[] linkedResident() throws Exception {
    String unionid = "oUnionN" + System.nanoTime();
    String mpOpenid = "oMpN" + System.nanoTime();
    app.app().services().pool().preparedQuery("INSERT INTO resident (mp_openid, unionid) VALUES ($1, $2)")
        .execute(Tuple.of(mpOpenid, unionid)).await(5, TimeUnit.SECONDS);
    String maOpenid = "oMaN" + System.nanoTime();
    String auth = MiniApps.signIn(http, sandbox, maOpenid, new JsonObject().put("unionid", unionid));
    return new String[] {auth, maOpenid, mpOpenid};
  }

  @Test
  void aPaidOrderSendsTheSubscribeMessageAndSpendsTheConsent() throws Exception {
    String openid = "oMaSub" + System.nanoTime();
    String auth = MiniApps.signIn(http, sandbox, openid);
    assertThat(accept(openid, auth).getJsonObject("consents").getInteger(template)).isEqualTo(1);

    String orderNo = MiniApps.paidOrder(http, sandbox, auth);
    assertThat(outbox.settle(orderNo, "PAID", 3)).isEqualTo("SENT");

    List<JsonObject> sent = sentTo(openid, orderNo);
    assertThat(sent).hasSize(1);
    JsonObject message = sent.get(0).getJsonObject("message");
    assertThat(sent.get(0).getString("kind")).isEqualTo("subscribe");
    assertThat(message.getString("template_id")).isEqualTo(template);
    assertThat(message.getString("page")).isEqualTo("pages/order/detail?orderNo=" + orderNo);
    JsonObject data = message.getJsonObject("data");
    assertThat(data.getJsonObject("character_string1").getString("value")).isEqualTo(orderNo);
    assertThat(data.getJsonObject("phrase2").getString("value")).isEqualTo("已支付");
    assertThat(data.getJsonObject("time4").getString("value")).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}");
    assertThat(consentsAtWeChat(openid)).as("WeChat's count").isZero();
    JsonObject ours = http.get("/api/v1/miniapp/subscriptions", "Authorization", auth).json();
    assertThat(ours.getJsonObject("consents").getInteger(template)).as("our count").isZero();
    assertThat(outbox.log(orderNo, "PAID")).singleElement()
        .satisfies(line -> assertThat(line.getString("channel")).isEqualTo("ma-subscribe"))
        .satisfies(line -> assertThat(line.getBoolean("ok")).isTrue());
  }

  @Test
  void withNoConsentLeftAMiniProgramOnlyResidentIsSkippedAndTheLogSaysWhy() throws Exception {
    String openid = "oMaNone" + System.nanoTime();
    String auth = MiniApps.signIn(http, sandbox, openid);
    accept(openid, auth);
    String orderNo = MiniApps.paidOrder(http, sandbox, auth);
    assertThat(outbox.settle(orderNo, "PAID", 3)).isEqualTo("SENT");

    // The second change the resident cares about: they cancel, the refund completes.
    TestHttp.Response cancel = http.post("/api/v1/orders/" + orderNo + "/cancel", "application/json", "{}", "Authorization", auth);
    assertThat(cancel.json().getString("status")).as(cancel.body()).isEqualTo("REFUNDING");
    long deadline = System.currentTimeMillis() + 15_000;
    while (outbox.row(orderNo, "REFUNDED") == null && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
    }
    assertThat(outbox.settle(orderNo, "REFUNDED", 3)).isEqualTo("SKIPPED");
    assertThat(outbox.row(orderNo, "REFUNDED").getString("last_error"))
        .isEqualTo("no subscribe consent left, and the resident has not used the official account");
    assertThat(outbox.log(orderNo, "REFUNDED")).singleElement()
        .satisfies(line -> assertThat(line.getString("channel")).isEqualTo("ma-subscribe"))
        .satisfies(line -> assertThat(line.getBoolean("ok")).isFalse())
        .satisfies(line -> assertThat(line.getString("answer")).contains("no consent left"));
    assertThat(sentTo(openid, orderNo)).as("only the PAID message").hasSize(1);
  }

  @Test
  void withoutAConsentAResidentWhoFollowsTheAccountGetsTheTemplateMessage() throws Exception {
    String[] resident = linkedResident();
    String orderNo = MiniApps.paidOrder(http, sandbox, resident[0]);
    assertThat(outbox.settle(orderNo, "PAID", 3)).isEqualTo("SENT");

    assertThat(sentTo(resident[1], orderNo)).as("no subscribe message").isEmpty();
    List<JsonObject> template = sentTo(resident[2], orderNo);
    assertThat(template).hasSize(1);
    assertThat(template.get(0).getString("kind")).isEqualTo("template");
    List<JsonObject> log = outbox.log(orderNo, "PAID");
    assertThat(log).extracting(l -> l.getString("channel") + ":" + l.getBoolean("ok"))
        .containsExactly("ma-subscribe:false", "mp-template:true");
  }

  @Test
  void weChatsNoConsentAnswerResetsOurCountAndFallsBack() throws Exception {
    String[] resident = linkedResident();
    // The mini-program claims an acceptance WeChat never saw: WeChat answers 43101.
    assertThat(tellUs(resident[0], "accept").getJsonObject("consents").getInteger(template)).isEqualTo(1);
    String orderNo = MiniApps.paidOrder(http, sandbox, resident[0]);
    assertThat(outbox.settle(orderNo, "PAID", 3)).isEqualTo("SENT");

    List<JsonObject> log = outbox.log(orderNo, "PAID");
    assertThat(log).extracting(l -> l.getString("channel") + ":" + l.getBoolean("ok"))
        .containsExactly("ma-subscribe:false", "mp-template:true");
    assertThat(log.get(0).getString("answer")).contains("43101");
    assertThat(http.get("/api/v1/miniapp/subscriptions", "Authorization", resident[0]).json()
        .getJsonObject("consents").getInteger(template)).isZero();
  }

  @Test
  void aResidentWhoLeftTheAccountAndHasNoConsentIsSkipped() throws Exception {
    String[] resident = linkedResident();
    assertThat(sandbox.http().postJson("/sandbox/mp/follow",
        new JsonObject().put("openid", resident[2]).put("follows", false)).status()).isEqualTo(204);
    String orderNo = MiniApps.paidOrder(http, sandbox, resident[0]);
    assertThat(outbox.settle(orderNo, "PAID", 3)).isEqualTo("SKIPPED");
    assertThat(outbox.row(orderNo, "PAID").getString("last_error")).isEqualTo("the resident does not follow the official account");
    List<JsonObject> log = outbox.log(orderNo, "PAID");
    assertThat(log).extracting(l -> l.getString("channel") + ":" + l.getBoolean("ok"))
        .containsExactly("ma-subscribe:false", "mp-template:false");
    assertThat(log.get(1).getString("answer")).contains("43004");
  }

  @Test
  void consentsAreCheckedAndOnlyTheMiniProgramGivesThem() throws Exception {
    String auth = MiniApps.signIn(http, sandbox, "oMaBad" + System.nanoTime());
    TestHttp.Response unknown = http.postJson("/api/v1/miniapp/subscriptions",
        new JsonObject().put("results", new JsonObject().put("someoneElsesTemplate", "accept")), "Authorization", auth);
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.json().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("results.someoneElsesTemplate");
    TestHttp.Response badChoice = http.postJson("/api/v1/miniapp/subscriptions",
        new JsonObject().put("results", new JsonObject().put(template, "yes")), "Authorization", auth);
    assertThat(badChoice.status()).isEqualTo(400);
    TestHttp.Response noResults = http.postJson("/api/v1/miniapp/subscriptions", new JsonObject(), "Authorization", auth);
    assertThat(noResults.status()).isEqualTo(400);
    assertThat(noResults.json().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("results");
    assertThat(tellUs(auth, "reject").getJsonObject("consents").getInteger(template)).isZero();

    String officialAccount = cn.reportpost.testing.Residents.signIn(http, "oMpConsent" + System.nanoTime());
    assertThat(http.get("/api/v1/miniapp/subscriptions", "Cookie", officialAccount).status()).isEqualTo(403);
    assertThat(http.get("/api/v1/miniapp/subscriptions").status()).isEqualTo(401);
  }
}
