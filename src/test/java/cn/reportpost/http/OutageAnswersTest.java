package cn.reportpost.http;

import cn.reportpost.order.model.OrderNumber;
import cn.reportpost.testing.Orders;
import cn.reportpost.testing.Outages;
import cn.reportpost.testing.ReportPostExtension;
import cn.reportpost.testing.Residents;
import cn.reportpost.testing.SecondInstance;
import cn.reportpost.testing.TestApp;
import cn.reportpost.testing.TestHttp;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Redis or PostgreSQL out of reach: the caller hears 503 with Retry-After, promptly, instead of a
 * 500 or silence; and WeChat Pay's notify, which PostgreSQL alone deduplicates, needs no Redis.
 */
@ExtendWith(ReportPostExtension.class)
class OutageAnswersTest {

  /** Redis's command timeout (2 s by default) plus slack for a loaded machine. */
  private static final long PROMPTLY_MILLIS = 4000;
  /** A 1 s query timeout plus the 1 s of silence allowed beyond it, a 1 s pool wait, and slack. */
  private static final long STALL_BOUND_MILLIS = 6000;

  /** An instance with a 1 s query timeout and pool wait, started outside the tests' blocked-thread watch. */
  private static SecondInstance shortTimeouts;

  @BeforeAll
  static void startAnInstanceWithShortTimeouts(TestApp app) throws Exception {
    shortTimeouts = SecondInstance.start(app, Map.of("PG_QUERY_TIMEOUT_MILLIS", "1000", "PG_POOL_WAIT_MILLIS", "1000"));
  }

  @AfterAll
  static void stopIt() {
    if (shortTimeouts != null) {
      shortTimeouts.close();
    }
  }

  /** Sends the request and expects a 503 problem with Retry-After within {@code boundMillis}. */
  private static void assertUnavailable(long boundMillis, Supplier<TestHttp.Response> request) {
    long start = System.currentTimeMillis();
    TestHttp.Response r = request.get();
    assertThat(System.currentTimeMillis() - start).as("answered within the bound").isLessThan(boundMillis);
    assertThat(r.status()).as(r.body()).isEqualTo(503);
    assertThat(r.header("Content-Type")).isEqualTo(Problems.CONTENT_TYPE);
    assertThat(Integer.parseInt(r.header("Retry-After"))).isPositive();
  }

  @Test
  void redisDownIsA503WithRetryAfter(TestApp app) throws Exception {
    String cookie = Residents.signIn(app.http(), "oRedisDown" + System.nanoTime());
    Outages.redisDown(app, () -> {
      assertUnavailable(PROMPTLY_MILLIS, () -> app.http().get("/api/v1/me", "Cookie", cookie));
      assertUnavailable(PROMPTLY_MILLIS, () -> app.http().postJson("/api/v1/staff/session",
          Map.of("username", "staff", "password", "wrong-password")));
    });
    assertThat(app.http().get("/api/v1/me", "Cookie", cookie).status()).isEqualTo(200);
  }

  @Test
  void redisStalledIsA503WithinTheCommandTimeout(TestApp app) throws Exception {
    String cookie = Residents.signIn(app.http(), "oRedisStall" + System.nanoTime());
    Outages.redisStalled(app, () ->
        assertUnavailable(PROMPTLY_MILLIS, () -> app.http().get("/api/v1/me", "Cookie", cookie)));
  }

  /**
   * Every PostgreSQL process frozen: nothing answers, and PostgreSQL's own timeouts cannot fire.
   * An instance with a 1 s query timeout gives up on the silent server after 2 s.
   */
  @Test
  void postgresStalledIsA503WithinTheQueryTimeout(TestApp app) throws Exception {
    String cookie = Residents.signIn(app.http(), "oPgStall" + System.nanoTime());
    TestHttp http = shortTimeouts.http();
    assertThat(http.get("/api/v1/orders", "Cookie", cookie).status()).isEqualTo(200);
    Outages.postgresStalled(app, () -> {
      assertUnavailable(STALL_BOUND_MILLIS, () -> http.get("/api/v1/orders", "Cookie", cookie));
      assertUnavailable(STALL_BOUND_MILLIS, () -> http.postJson("/api/v1/orders", Orders.body(), "Cookie", cookie));
    });
    assertThat(http.get("/api/v1/orders", "Cookie", cookie).status()).as("after the stall").isEqualTo(200);
  }

  /**
   * PostgreSQL's statement timeout ends a wait on a row lock that another transaction holds: the
   * request is refused for real, not merely given up on while its transaction carries on after.
   */
  @Test
  void aStatementWaitingOnALockIsA503WithinTheQueryTimeout(TestApp app) throws Exception {
    String cookie = Residents.signIn(app.http(), "oPgLock" + System.nanoTime());
    String orderNo = app.http().postJson("/api/v1/orders", Orders.body(), "Cookie", cookie).json().getString("orderNo");
    SqlConnection holder = app.app().services().pool().getConnection().await(5, TimeUnit.SECONDS);
    try {
      Transaction tx = holder.begin().await(5, TimeUnit.SECONDS);
      holder.preparedQuery("SELECT 1 FROM report_order WHERE order_no = $1 FOR UPDATE").execute(Tuple.of(orderNo))
          .await(5, TimeUnit.SECONDS);
      assertUnavailable(STALL_BOUND_MILLIS, () -> shortTimeouts.http().post("/api/v1/orders/" + orderNo + "/cancel",
          "application/json", "{}", "Cookie", cookie));
      tx.rollback().await(5, TimeUnit.SECONDS);
    } finally {
      holder.close();
    }
    Thread.sleep(1000); // time for a cancel still waiting on the lock to go through, if one were
    assertThat(status(app, orderNo)).isEqualTo("PENDING_PAYMENT");
  }

  /** A refund of a paid order whose first attempt failed: the refund job issues it, WeChat notifies its success. */
  @Test
  void wechatPaysNotifiesAreRecordedWithRedisDown(TestApp app) throws Exception {
    TestHttp http = app.http();
    String cookie = Residents.signIn(http, "oNotifyNoRedis" + System.nanoTime());
    String paid = http.postJson("/api/v1/orders", Orders.body(), "Cookie", cookie).json().getString("orderNo");
    String refunded = http.postJson("/api/v1/orders", Orders.body(), "Cookie", cookie).json().getString("orderNo");
    for (String orderNo : List.of(paid, refunded)) {
      assertThat(http.post("/api/v1/orders/" + orderNo + "/pay", "application/json", "{}", "Cookie", cookie).status())
          .isEqualTo(200);
    }
    app.sandbox().pay(refunded, "");
    Orders.awaitStatus(http, refunded, "PAID", "Cookie", cookie);
    app.sandbox().fault("/v3/refund/domestic/refunds", "http500", 1);
    assertThat(http.post("/api/v1/orders/" + refunded + "/cancel", "application/json", "{}", "Cookie", cookie)
        .json().getString("status")).isEqualTo("REFUNDING");

    Outages.redisDown(app, () -> {
      app.sandbox().pay(paid, "");
      assertThat(firstAnswer(app, paid)).as("our answer to the payment notify").isEqualTo("204");
      assertThat(firstAnswer(app, OrderNumber.refundNumber(refunded))).as("our answer to the refund notify").isEqualTo("204");
      assertThat(status(app, paid)).isEqualTo("PAID");
      assertThat(status(app, refunded)).isEqualTo("REFUNDED");
    });
  }

  private static String status(TestApp app, String orderNo) throws Exception {
    return app.app().services().pool().preparedQuery("SELECT status FROM report_order WHERE order_no = $1")
        .execute(Tuple.of(orderNo)).await(5, TimeUnit.SECONDS).iterator().next().getString(0);
  }

  /** How we answered WeChat's first delivery of the notify about {@code key} (an order or refund number). */
  private static String firstAnswer(TestApp app, String key) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 15_000;
    while (System.currentTimeMillis() < deadline) {
      for (Object d : app.sandboxHttp().get("/sandbox/pay/notifies").jsonArray()) {
        JsonObject delivery = (JsonObject) d;
        if (key.equals(delivery.getString("key")) && !delivery.getJsonArray("attempts").isEmpty()) {
          return delivery.getJsonArray("attempts").getString(0);
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("WeChat Pay's notify about " + key + " was never answered");
  }
}
