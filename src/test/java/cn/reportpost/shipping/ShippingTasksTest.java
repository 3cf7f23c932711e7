package cn.reportpost.shipping;

import cn.reportpost.outbox.OutboxHandler;
import cn.reportpost.outbox.OutboxMessage;
import cn.reportpost.outbox.SendLog;
import cn.reportpost.order.OrderRepository;
import cn.reportpost.testing.ReportPostExtension;
import cn.reportpost.testing.Sandbox;
import cn.reportpost.testing.TestApp;
import cn.reportpost.wechat.MaShipping;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whether to tell WeChat at all: its "trade-managed" answer, asked through the sandbox once per
 * period and not kept when the ask failed. Each test has its own ShippingTasks (and so its own
 * cache) and a clock it moves.
 */
@ExtendWith(ReportPostExtension.class)
class ShippingTasksTest {

  private final TestApp app;
  private final Sandbox sandbox;
  private final MovableClock clock = new MovableClock();
  private final ShippingTasks tasks;

  ShippingTasksTest(TestApp app, Sandbox sandbox) {
    this.app = app;
    this.sandbox = sandbox;
    this.tasks = new ShippingTasks(new MaShipping(app.app().services().wechat().ma().orElseThrow(),
        app.app().services().config().string("wechat.pay.mchId")),
        new OrderRepository(app.app().services().pool(), app.app().services().reads()), clock, Duration.ofMinutes(10));
  }

  private static final class MovableClock extends Clock {
    private Instant now = Instant.parse("2026-11-29T02:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  /** A receipt reminder for an order WeChat never saw paid: once asked, WeChat refuses it (10060001). */
  private static OutboxMessage reminder() {
    String orderNo = "RPNOSUCH" + System.nanoTime() % 100_000_000;
    return new OutboxMessage(1, orderNo, ShippingQueue.RECEIPT_REMINDER,
        new JsonObject().put("orderNo", orderNo).put("at", "2026-11-29T09:00:00+08:00"), 0, 1L, null, "oMaNobody");
  }

  private int asked() {
    return sandbox.http().get("/sandbox/miniapp/trade-management").json().getInteger("asked");
  }

  private void managed(boolean managed) {
    assertThat(sandbox.http().postJson("/sandbox/miniapp/trade-management", new JsonObject().put("managed", managed))
        .status()).isEqualTo(200);
  }

  private Future<OutboxHandler.Outcome> handle() throws Exception {
    Future<OutboxHandler.Outcome> outcome = tasks.handle(reminder(), new SendLog());
    try {
      outcome.await(10, TimeUnit.SECONDS);
    } catch (Exception expected) {
      // failures are asserted by the caller
    }
    return outcome;
  }

  @Test
  void aMerchantWeChatDoesNotManageIsSkippedAndTheAnswerIsReusedForItsPeriod() throws Exception {
    int before = asked();
    managed(false);
    try {
      OutboxHandler.Outcome skipped = handle().result();
      assertThat(skipped.sent()).isFalse();
      assertThat(skipped.reason()).contains("does not manage");
      clock.now = clock.now.plus(Duration.ofMinutes(9));
      assertThat(handle().result().sent()).isFalse();
      assertThat(asked()).as("asked once in ten minutes").isEqualTo(before + 1);
    } finally {
      managed(true);
    }
    clock.now = clock.now.plus(Duration.ofMinutes(2));
    Future<OutboxHandler.Outcome> managedNow = handle();
    assertThat(asked()).as("asked again after the period").isEqualTo(before + 2);
    assertThat(managedNow.failed()).as("now managed, the reminder reached WeChat, which knows no such payment").isTrue();
    assertThat(managedNow.cause().getMessage()).contains("10060001");
  }

  @Test
  void aFailedAskIsNotKept() throws Exception {
    int before = asked();
    sandbox.fault("/wxa/sec/order/is_trade_managed", "http500", 1);
    Future<OutboxHandler.Outcome> first = handle();
    assertThat(first.failed()).isTrue();
    assertThat(first.cause().getMessage()).doesNotContain("10060001");
    Future<OutboxHandler.Outcome> second = handle();
    assertThat(asked()).as("the failed ask never reached the API; the second did").isEqualTo(before + 1);
    assertThat(second.cause().getMessage()).contains("10060001");
  }
}
