package cn.reportpost.http;

import cn.reportpost.api.ProblemException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Reads a JSON object body, turning absence or malformed text into a clear 400. */
public final class JsonBody {

  private JsonBody() {}

  /** The body's fields, for a {@link cn.reportpost.api.BodyReader}. */
  public static java.util.Map<String, Object> fields(RoutingContext ctx) {
    return object(ctx).getMap();
  }

  public static JsonObject object(RoutingContext ctx) {
    Buffer buffer = ctx.body().buffer();
    if (buffer == null || buffer.length() == 0) {
      throw new ProblemException(400, "Missing body", "this request needs a JSON object body");
    }
    Object parsed;
    try {
      parsed = io.vertx.core.json.Json.decodeValue(buffer);
    } catch (DecodeException e) {
      throw new ProblemException(400, "Malformed JSON", "the request body is not valid JSON");
    }
    if (!(parsed instanceof JsonObject object)) {
      throw new ProblemException(400, "Malformed JSON", "the request body must be a JSON object");
    }
    return object;
  }
}
