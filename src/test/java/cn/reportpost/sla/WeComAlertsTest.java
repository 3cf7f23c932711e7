package cn.reportpost.sla;

import cn.reportpost.outbox.OutboxMessage;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The robot's markdown for a pass's breaches: every listed order, the rest counted, within WeCom's 4,096 bytes. */
class WeComAlertsTest {

  private static final WeComAlerts ALERTS = new WeComAlerts(null, "https://qyapi.example/webhook", limits(),
      "https://post.example.cn");

  private static SlaLimits limits() {
    Map<Stage, Duration> limits = new EnumMap<>(Stage.class);
    for (Stage s : Stage.values()) {
      limits.put(s, Duration.ofHours(24));
    }
    return new SlaLimits(limits);
  }

  private static JsonObject order(int i) {
    return new JsonObject().put("orderNo", String.format("RP2612%010d", i)).put("cityName", "黑龙江省大兴安岭地区加格达奇区")
        .put("siteCode", "DXAL" + i).put("status", "OUT_FOR_DELIVERY").put("since", "2026-11-30T08:15:00+08:00")
        .put("dueAt", "2026-12-01T08:15:00+08:00");
  }

  @Test
  void aBacklogOfFiveHundredIsOneMessageListingTenAndCountingTheRest() {
    JsonArray listed = new JsonArray();
    for (int i = 0; i < BreachRepository.ALERT_LISTED; i++) {
      listed.add(order(i));
    }
    JsonObject payload = new JsonObject().put("stage", "POSTED_TO_DELIVERED").put("count", 500).put("orders", listed);
    String content = ALERTS.content(new OutboxMessage(1, null, BreachRepository.ALERT_KIND, payload, 0, null, null, null));

    assertThat(content).startsWith("**SLA 超时**").contains("已寄出→已签收").contains("新增 500 单").contains("时限 24 小时")
        .contains("另有 490 单").contains("派送中").contains("11-30 08:15 进入阶段").contains("12-01 08:15 超时")
        .endsWith("(https://post.example.cn/ops/breaches)");
    for (int i = 0; i < BreachRepository.ALERT_LISTED; i++) {
      assertThat(content).contains(order(i).getString("orderNo"));
    }
    assertThat(content.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(4096);
  }

  @Test
  void aRowQueuedBeforeAlertsWereGatheredStillSendsItsOneOrder() {
    JsonObject payload = order(7).put("stage", "PAID_TO_READY").put("status", "PAID");
    payload.remove("orderNo");
    String content = ALERTS.content(new OutboxMessage(2, "RP261201LEGACY01", BreachRepository.ALERT_KIND, payload, 0, 9L,
        null, null));
    assertThat(content).contains("新增 1 单").contains("RP261201LEGACY01").contains("已支付").doesNotContain("另有");
  }
}
