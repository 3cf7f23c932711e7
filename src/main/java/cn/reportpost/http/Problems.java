package cn.reportpost.http;

import cn.reportpost.api.ProblemException;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.LinkedHashMap;

/** Writes problem+json answers: the one error format of the whole API. */
public final class Problems {

  public static final String CONTENT_TYPE = "application/problem+json";

  private Problems() {}

  public static void send(RoutingContext ctx, ProblemException problem) {
    JsonObject body = new JsonObject(new LinkedHashMap<>(problem.extensions()))
        .put("type", problem.type())
        .put("status", problem.status())
        .put("title", problem.title())
        .put("detail", problem.detail())
        .put("instance", ctx.request().path())
        .put("requestId", RequestIds.of(ctx));
    if (!problem.errors().isEmpty()) {
      JsonArray errors = new JsonArray();
      problem.errors().forEach(e -> errors.add(new JsonObject().put("field", e.field()).put("message", e.message())));
      body.put("errors", errors);
    }
    HttpServerResponse response = ctx.response();
    if (response.headWritten()) {
      response.reset();
      return;
    }
    if (problem.retryAfterSeconds() > 0) {
      response.putHeader("Retry-After", Long.toString(problem.retryAfterSeconds()));
    }
    response.setStatusCode(problem.status())
        .putHeader("Content-Type", CONTENT_TYPE)
        .putHeader("Cache-Control", "no-store")
        .end(body.toBuffer());
  }
}
