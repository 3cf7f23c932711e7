package cn.reportpost.http;

import cn.reportpost.api.ProblemException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.Map;

/** Reads a JSON object body, turning absence, malformed JSON or invalid text in it into a clear 400. */
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
    checkText(object, "");
    return object;
  }

  /** Every string and name in the body must be {@link Text valid text}; the first that is not is named by its path. */
  private static void checkText(Object value, String path) {
    if (value instanceof String s) {
      String flaw = Text.flaw(s);
      if (flaw != null) {
        throw ProblemException.invalid(path, flaw);
      }
    } else if (value instanceof JsonObject object) {
      for (Map.Entry<String, Object> field : object) {
        String name = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
        String flaw = Text.flaw(field.getKey());
        if (flaw != null) {
          throw ProblemException.invalid(path.isEmpty() ? "body" : path, "a field name " + flaw);
        }
        checkText(field.getValue(), name);
      }
    } else if (value instanceof JsonArray array) {
      for (int i = 0; i < array.size(); i++) {
        checkText(array.getValue(i), path + "[" + i + "]");
      }
    }
  }
}
