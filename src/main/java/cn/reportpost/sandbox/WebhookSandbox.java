package cn.reportpost.sandbox;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static cn.reportpost.sandbox.SandboxHttp.json;

/**
 * A WeCom group robot: takes {@code POST /cgi-bin/webhook/send?key=…} as WeCom does (errcode 0, or
 * 93000 for a body it cannot read) and keeps what it received for {@code GET /sandbox/webhook/received}.
 */
final class WebhookSandbox {

  private final List<JsonObject> received = new CopyOnWriteArrayList<>();

  void mount(Router router) {
    router.post("/cgi-bin/webhook/send").handler(this::send);
    router.get("/sandbox/webhook/received").handler(ctx -> json(ctx, 200, new JsonArray(List.copyOf(received))));
  }

  private void send(RoutingContext ctx) {
    String key = ctx.queryParams().get("key");
    JsonObject body;
    try {
      body = ctx.body().asJsonObject();
    } catch (RuntimeException e) {
      body = null;
    }
    if (key == null || key.isBlank()) {
      json(ctx, 200, new JsonObject().put("errcode", 93000).put("errmsg", "invalid webhook url"));
      return;
    }
    String type = body == null ? null : body.getString("msgtype");
    boolean markdown = "markdown".equals(type) && body.getJsonObject("markdown") != null
        && body.getJsonObject("markdown").getString("content") != null;
    boolean text = "text".equals(type) && body.getJsonObject("text") != null;
    if (!markdown && !text) {
      json(ctx, 200, new JsonObject().put("errcode", 40008).put("errmsg", "invalid message type"));
      return;
    }
    received.add(new JsonObject().put("key", key).put("body", body).put("at", Instant.now().toString()));
    json(ctx, 200, new JsonObject().put("errcode", 0).put("errmsg", "ok"));
  }
}
