package cn.reportpost.shipping;

import cn.reportpost.notify.OutboxHandler;
import cn.reportpost.notify.OutboxMessage;
import cn.reportpost.notify.OutboxWriter;
import cn.reportpost.notify.SendLog;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Whether to upload at all: WeChat's "trade-managed" answer, asked once per period and not kept when it failed. */
class ShippingTasksTest {

  /** WeChat as a script: the answers to "trade-managed?" in turn, and every call made. */
  private static final class ScriptedWeChat implements ShippingPort {
    final List<Future<Boolean>> managedAnswers = new ArrayList<>();
    final List<String> calls = new ArrayList<>();

    @Override
    public Future<Boolean> tradeManaged() {
      calls.add("managed?");
      return managedAnswers.remove(0);
    }

    @Override
    public Future<Integer> state(String orderNo) {
      calls.add("state " + orderNo);
      return Future.succeededFuture(1);
    }

    @Override
    public Future<Void> shipped(String orderNo, String payerOpenid, String waybillNo, String itemDescription, OffsetDateTime at) {
      calls.add("shipped " + orderNo);
      return Future.succeededFuture();
    }

    @Override
    public Future<Void> delivered(String orderNo, OffsetDateTime at) {
      calls.add("delivered " + orderNo + " " + at.toEpochSecond());
      return Future.succeededFuture();
    }
  }

  private static final class MovableClock extends Clock {
    Instant now = Instant.parse("2026-11-29T10:00:00Z");

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private static OutboxMessage reminder(String orderNo) {
    return new OutboxMessage(1, orderNo, OutboxWriter.RECEIPT_REMINDER,
        new JsonObject().put("orderNo", orderNo).put("at", "2026-11-29T09:00:00+08:00"), 0, 7, null, "oMa");
  }

  @Test
  void aMerchantWeChatDoesNotManageIsSkippedWithTheReason() {
    ScriptedWeChat wechat = new ScriptedWeChat();
    wechat.managedAnswers.add(Future.succeededFuture(false));
    ShippingTasks tasks = new ShippingTasks(wechat, null, new MovableClock(), Duration.ofMinutes(10));

    OutboxHandler.Outcome outcome = tasks.handle(reminder("RP1"), new SendLog()).result();
    assertThat(outcome.sent()).isFalse();
    assertThat(outcome.reason()).contains("does not manage");
    assertThat(wechat.calls).containsExactly("managed?");
  }

  @Test
  void theAnswerIsReusedForItsPeriodAndAskedAgainAfter() {
    ScriptedWeChat wechat = new ScriptedWeChat();
    wechat.managedAnswers.add(Future.succeededFuture(true));
    wechat.managedAnswers.add(Future.succeededFuture(true));
    MovableClock clock = new MovableClock();
    ShippingTasks tasks = new ShippingTasks(wechat, null, clock, Duration.ofMinutes(10));

    assertThat(tasks.handle(reminder("RP1"), new SendLog()).result().sent()).isTrue();
    clock.now = clock.now.plus(Duration.ofMinutes(9));
    assertThat(tasks.handle(reminder("RP2"), new SendLog()).result().sent()).isTrue();
    clock.now = clock.now.plus(Duration.ofMinutes(2));
    assertThat(tasks.handle(reminder("RP3"), new SendLog()).result().sent()).isTrue();
    assertThat(wechat.calls).containsExactly("managed?", "delivered RP1 1795914000", "delivered RP2 1795914000",
        "managed?", "delivered RP3 1795914000");
  }

  @Test
  void aFailedAskIsNotKept() {
    ScriptedWeChat wechat = new ScriptedWeChat();
    wechat.managedAnswers.add(Future.failedFuture(new IllegalStateException("WeChat unreachable")));
    wechat.managedAnswers.add(Future.succeededFuture(true));
    ShippingTasks tasks = new ShippingTasks(wechat, null, new MovableClock(), Duration.ofMinutes(10));

    assertThat(tasks.handle(reminder("RP1"), new SendLog()).failed()).isTrue();
    assertThat(tasks.handle(reminder("RP1"), new SendLog()).result().sent()).isTrue();
    assertThat(wechat.calls).containsExactly("managed?", "managed?", "delivered RP1 1795914000");
  }
}
