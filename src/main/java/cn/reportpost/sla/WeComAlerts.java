package cn.reportpost.sla;

import cn.reportpost.order.model.OrderStatus;
import cn.reportpost.outbox.OutboxHandler;
import cn.reportpost.outbox.OutboxMessage;
import cn.reportpost.outbox.SendLog;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Sends a pass's new breaches of one stage to the operations group through a WeCom group robot
 * webhook ({@code {"msgtype":"markdown","markdown":{"content":…}}}); the robot answers errcode 0
 * when it took it.
 */
final class WeComAlerts implements OutboxHandler {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm")
      .withZone(ZoneId.of("Asia/Shanghai"));

  private final WebClient client;
  private final String webhookUrl;
  private final SlaLimits limits;
  private final String breachesPage;

  WeComAlerts(WebClient client, String webhookUrl, SlaLimits limits, String publicBaseUrl) {
    this.client = client;
    this.webhookUrl = webhookUrl;
    this.limits = limits;
    this.breachesPage = publicBaseUrl + "/ops/breaches";
  }

  @Override
  public Future<Outcome> handle(OutboxMessage message, SendLog log) {
    log.trying("wecom-webhook");
    if (webhookUrl.isBlank()) {
      return Future.succeededFuture(Outcome.skipped("no ops.sla.webhookUrl configured"));
    }
    JsonObject body = new JsonObject().put("msgtype", "markdown")
        .put("markdown", new JsonObject().put("content", content(message)));
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

  /**
   * The robot's markdown: the stage and its limit, how many orders newly breached it, one line per
   * listed order (where, in which status, since when), how many more, and where to see them all.
   */
  String content(OutboxMessage message) {
    JsonObject payload = message.payload();
    // A row queued before alerts were gathered per pass names one order in the message itself.
    JsonArray orders = payload.containsKey("orders") ? payload.getJsonArray("orders")
        : new JsonArray().add(payload.copy().put("orderNo", message.orderNo()));
    int count = payload.getInteger("count", orders.size());
    Stage stage = Stage.valueOf(payload.getString("stage"));
    StringBuilder text = new StringBuilder("**SLA 超时**：<font color=\"warning\">").append(stage.label)
        .append("</font> 新增 ").append(count).append(" 单（时限 ").append(limits.of(stage).toHours()).append(" 小时）\n");
    for (Object o : orders) {
      JsonObject order = (JsonObject) o;
      text.append("> ").append(order.getString("orderNo")).append(" ").append(order.getString("cityName"))
          .append(" 采样点 ").append(order.getString("siteCode")).append(" ").append(statusLabel(order.getString("status")))
          .append("，").append(TIME.format(OffsetDateTime.parse(order.getString("since")))).append(" 进入阶段，")
          .append(TIME.format(OffsetDateTime.parse(order.getString("dueAt")))).append(" 超时\n");
    }
    if (count > orders.size()) {
      text.append("> 另有 ").append(count - orders.size()).append(" 单\n");
    }
    return text.append("[在运营台查看全部超时订单](").append(breachesPage).append(")").toString();
  }

  private static String statusLabel(String status) {
    try {
      return OrderStatus.valueOf(status).label();
    } catch (IllegalArgumentException e) {
      return status;
    }
  }
}
