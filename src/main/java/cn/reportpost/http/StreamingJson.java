package cn.reportpost.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.EncodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.jackson.DatabindCodec;
import io.vertx.core.json.jackson.JacksonCodec;
import io.vertx.core.spi.JsonFactory;
import io.vertx.core.spi.json.JsonCodec;

import java.util.function.BiFunction;

/**
 * Vert.x's JSON codec for the whole service, registered in META-INF/services: it writes JSON
 * values with Jackson's streaming generator and keeps Jackson databind for everything else.
 *
 * <p>With jackson-databind on the class path (WxJava brings it) Vert.x writes every JsonObject
 * through an ObjectMapper, which looks up a serializer for each map and each value: for a staff
 * list page of 50 orders that lookup was a sixth of the CPU the answer cost. JsonObject, JsonArray
 * and what they hold (strings, numbers, booleans, Instant, bytes, nested objects and arrays) are
 * written by the streaming generator Vert.x itself uses without databind, with the same output;
 * a value it cannot write (a record put into a JsonObject, say) falls back to databind, as before.
 */
public final class StreamingJson implements JsonFactory {

  private static final JsonCodec CODEC = new Codec();

  @Override
  public int order() {
    return 0;
  }

  @Override
  public JsonCodec codec() {
    return CODEC;
  }

  private static final class Codec extends DatabindCodec {

    private final JacksonCodec streaming = new JacksonCodec();

    @Override
    public String toString(Object value, boolean pretty) {
      return write(value, pretty, streaming::toString, super::toString);
    }

    @Override
    public Buffer toBuffer(Object value, boolean pretty) {
      return write(value, pretty, streaming::toBuffer, super::toBuffer);
    }

    private static <T> T write(Object value, boolean pretty, BiFunction<Object, Boolean, T> streamed,
        BiFunction<Object, Boolean, T> databind) {
      if (!pretty && isJsonValue(value)) {
        try {
          return streamed.apply(value, false);
        } catch (EncodeException notPlainJson) {
          // A value inside that only databind knows how to write: written as before.
        }
      }
      return databind.apply(value, pretty);
    }

    private static boolean isJsonValue(Object value) {
      return value instanceof JsonObject || value instanceof JsonArray;
    }
  }
}
