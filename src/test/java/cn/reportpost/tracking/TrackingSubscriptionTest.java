package cn.reportpost.tracking;

import cn.reportpost.testing.Outbox;
import cn.reportpost.testing.PostedOrders;
import cn.reportpost.testing.ReportPostExtension;
import cn.reportpost.testing.Sandbox;
import cn.reportpost.testing.Staff;
import cn.reportpost.testing.TestApp;
import cn.reportpost.testing.TestHttp;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Posting an order subscribes its waybill with Kuaidi100 (the sandbox's) through the outbox: once,
 * retried after a failure, and done when Kuaidi100 says an attempt whose answer was lost went through.
 * The app's own outbox worker is paused, so that each test carries its rows out itself.
 */
@ExtendWith(ReportPostExtension.class)
class TrackingSubscriptionTest {

  private final TestApp app;
  private final Sandbox sandbox;
  private final Outbox outbox;
  private final Staff staff;
  private final Staff courier;

  TrackingSubscriptionTest(TestApp app, Sandbox sandbox) {
    this.app = app;
    this.sandbox = sandbox;
    this.outbox = new Outbox(app);
    this.staff = Staff.signIn(app.http(), "staff");
    this.courier = Staff.signIn(app.http(), "courier");
  }

  @BeforeEach
  void pauseTheAppsOwnWorker() throws Exception {
    app.app().modules().pauseOutbox().await(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void resume() {
    app.app().modules().resumeOutbox();
  }

  private JsonObject atKuaidi100(String waybillNo) {
    TestHttp.Response held = sandbox.http().get("/sandbox/tracking/" + waybillNo);
    assertThat(held.status()).as(held.body()).isEqualTo(200);
    return held.json();
  }

  private String subscriptionStatus(String orderNo) throws Exception {
    return app.app().services().pool().preparedQuery("SELECT status FROM tracking_subscription WHERE order_no = $1")
        .execute(Tuple.of(orderNo)).await(5, TimeUnit.SECONDS).iterator().next().getString(0);
  }

  @Test
  void aPostedOrdersWaybillIsSubscribedOnceWithTheKeyAndOurCallbackAndNoPhoneNumber() throws Exception {
    PostedOrders.Posted p = PostedOrders.post(app, staff, courier);
    assertThat(sandbox.http().get("/sandbox/tracking/" + p.waybillNo()).status()).as("nothing before the outbox ran").isEqualTo(404);

    assertThat(outbox.settle(p.orderNo(), TrackingQueue.SUBSCRIBE_TRACKING, 1)).isEqualTo("SENT");
    JsonObject held = atKuaidi100(p.waybillNo());
    assertThat(held.getString("company")).isEqualTo("ems");
    assertThat(held.getString("number")).isEqualTo(p.waybillNo());
    assertThat(held.getString("callbackurl")).isEqualTo(app.http().base() + "/track/kuaidi100");
    assertThat(held.getString("resultv2")).isEqualTo("1");
    assertThat(held.getString("phone")).as("EMS needs no phone number").isNull();
    assertThat(held.getString("status")).isEqualTo("polling");
    assertThat(held.getInteger("polls")).isEqualTo(1);
    assertThat(subscriptionStatus(p.orderNo())).isEqualTo("SUBSCRIBED");
    assertThat(outbox.log(p.orderNo(), TrackingQueue.SUBSCRIBE_TRACKING)).singleElement()
        .satisfies(l -> assertThat(l.getString("channel")).isEqualTo("kuaidi100"))
        .satisfies(l -> assertThat(l.getString("answer")).contains(p.waybillNo()).contains("200"));
  }

  @Test
  void aSubscriptionKuaidi100FailsIsRetriedUntilItHasIt() throws Exception {
    PostedOrders.Posted p = PostedOrders.post(app, staff, courier);
    sandbox.fault("/poll", "http500", 2);

    assertThat(outbox.settle(p.orderNo(), TrackingQueue.SUBSCRIBE_TRACKING, 5)).isEqualTo("SENT");
    assertThat(outbox.row(p.orderNo(), TrackingQueue.SUBSCRIBE_TRACKING).getInteger("attempts")).isEqualTo(3);
    assertThat(outbox.log(p.orderNo(), TrackingQueue.SUBSCRIBE_TRACKING)).extracting(l -> l.getBoolean("ok"))
        .containsExactly(false, false, true);
    assertThat(atKuaidi100(p.waybillNo()).getInteger("polls")).as("the faults answered before Kuaidi100 saw them").isEqualTo(1);
  }

  @Test
  void aSubscriptionWhoseAnswerWasLostIsDoneWhenKuaidi100SaysItIsADuplicate() throws Exception {
    PostedOrders.Posted p = PostedOrders.post(app, staff, courier);
    assertThat(outbox.settle(p.orderNo(), TrackingQueue.SUBSCRIBE_TRACKING, 1)).isEqualTo("SENT");
    // As if the first answer never arrived: our side still thinks it has to subscribe.
    app.app().services().pool().withTransaction(tx -> tx.preparedQuery(
            "UPDATE tracking_subscription SET status = 'PENDING' WHERE order_no = $1").execute(Tuple.of(p.orderNo()))
        .compose(v -> tx.preparedQuery("UPDATE notification_outbox SET status = 'PENDING' WHERE order_no = $1 AND kind = $2")
            .execute(Tuple.of(p.orderNo(), TrackingQueue.SUBSCRIBE_TRACKING)))).await(5, TimeUnit.SECONDS);

    assertThat(outbox.settle(p.orderNo(), TrackingQueue.SUBSCRIBE_TRACKING, 1)).isEqualTo("SENT");
    assertThat(atKuaidi100(p.waybillNo()).getInteger("polls")).isEqualTo(2);
    assertThat(outbox.log(p.orderNo(), TrackingQueue.SUBSCRIBE_TRACKING)).last()
        .satisfies(l -> assertThat(l.getString("answer")).contains("501"));
    assertThat(subscriptionStatus(p.orderNo())).isEqualTo("SUBSCRIBED");
  }

  @Test
  void theSandboxRefusesASubscriptionUnderAnotherKey() {
    String param = Kuaidi100.subscription("not-our-key", PostedOrders.waybill(), "http://127.0.0.1:1/track/kuaidi100", "salt")
        .encode();
    TestHttp.Response answer = sandbox.http().post("/poll", "application/x-www-form-urlencoded",
        "schema=json&param=" + URLEncoder.encode(param, StandardCharsets.UTF_8));
    assertThat(answer.json().getBoolean("result")).isFalse();
    assertThat(answer.json().getString("returnCode")).isEqualTo("600");
  }
}
