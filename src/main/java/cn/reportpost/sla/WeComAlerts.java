package cn.reportpost.sla;

import cn.reportpost.outbox.OutboxHandler;
import cn.reportpost.outbox.OutboxMessage;
import cn.reportpost.outbox.SendLog;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Sends a breach's alert to the operations group through a WeCom group robot webhook
 * ({@code {"msgtype":"markdown","markdown":{"content":…}}}); the robot answers errcode 0 when it took it.
 */
final class WeComAlerts implements OutboxHandler {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
      .withZone(ZoneId.of("Asia/Shanghai"));

  private final WebClient client;
  private final String webhookUrl;
  private final SlaLimits limits;

  WeComAlerts(WebClient client, String webhookUrl, SlaLimits limits) {
    this.client = client;
    this.webhookUrl = webhookUrl;
    this.limits = limits;
  }

  @Override
  public Future<Outcome> handle(OutboxMessage message, SendLog log) {
    log.trying("wecom-webhook");
    if (webhookUrl.isBlank()) {
      return Future.succeededFuture(Outcome.skipped("no ops.sla.webhookUrl configured"));
    }
    JsonObject body = new JsonObject().put("msgtype", "markdown")
        .put("markdown", new JsonObject().put("content", content(message.orderNo(), message.payload())));
    return client.postAbs(webhookUrl).timeout(5000).sendJsonObject(body).compose(response -> {
      JsonObject answer;
      try {
        answer = response.bodyAsJsonObject();
      } catch (RuntimeException e) {
        answer = null;
      }
      if (response.statusCode() != 200 || answer == null || answer.getInteger("errcode", -1) != 0) {
        return Future.failedFuture("webhook answered " + response.statusCode() + " " + response.bodyAsString());
      }
      log.ok(answer.encode());
      return Future.succeededFuture(Outcome.delivered());
    });
  }

  /** The robot's markdown: what breached, where, since when. */
  String content(String orderNo, JsonObject payload) {
    Stage stage = Stage.valueOf(payload.getString("stage"));
    return "**SLA 超时**：<font color=\"warning\">" + stage.label + "</font>\n"
        + "> 订单：" + orderNo + "\n"
        + "> 城市：" + payload.getString("cityName") + "（采样点 " + payload.getString("siteCode") + "）\n"
        + "> 当前状态：" + payload.getString("status") + "\n"
        + "> 进入阶段：" + TIME.format(OffsetDateTime.parse(payload.getString("since"))) + "\n"
        + "> 时限：" + limits.of(stage).toHours() + " 小时，已于 "
        + TIME.format(OffsetDateTime.parse(payload.getString("dueAt"))) + " 超时";
  }
}
