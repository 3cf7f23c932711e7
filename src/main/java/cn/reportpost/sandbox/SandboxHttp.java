package cn.reportpost.sandbox;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** How the sandbox reads requests and answers, for WeChat's paths and for the controls alike. */
final class SandboxHttp {

  private SandboxHttp() {}

  /** The request's JSON object; an empty one when the body is missing or not a JSON object. */
  static JsonObject body(RoutingContext ctx) {
    try {
      JsonObject o = ctx.body().asJsonObject();
      return o == null ? new JsonObject() : o;
    } catch (RuntimeException e) {
      return new JsonObject();
    }
  }

  /** 200 with a JSON body: how WeChat answers, errors included (errcode in the body). */
  static void json(RoutingContext ctx, JsonObject body) {
    json(ctx, 200, body);
  }

  static void json(RoutingContext ctx, int status, Object body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
        .end(body instanceof JsonObject o ? o.encode() : ((JsonArray) body).encode());
  }

  /** A control's 400, naming what was wrong with the request. */
  static void error(RoutingContext ctx, String message) {
    json(ctx, 400, new JsonObject().put("error", message));
  }
}
