package cn.reportpost.http;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.jackson.DatabindCodec;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The service's JSON codec writes what databind wrote, only faster, and still writes what only databind can. */
class StreamingJsonTest {

  private static final DatabindCodec DATABIND = new DatabindCodec();

  record Pair(String left, int right) {}

  @Test
  void isTheCodecVertxUses() {
    assertThat(Json.CODEC.getClass().getEnclosingClass()).isEqualTo(StreamingJson.class);
  }

  @Test
  void writesJsonValuesAsDatabindDoes() {
    JsonObject order = new JsonObject()
        .put("orderNo", "RP2026120200001").put("amountFen", 1500).put("big", 12_345_678_901L).put("ratio", 0.25)
        .put("flagged", false).put("waybillNo", (String) null).put("at", Instant.parse("2026-12-02T08:00:00Z"))
        .put("bytes", new byte[] {1, 2, 3})
        .put("recipient", new JsonObject().put("name", "张三").put("address", "迎泽大街 \"1\" 号\n\t\u0001"))
        .put("items", new JsonArray().add(1).add("二").add(new JsonObject()).add(new JsonArray()).addNull());
    String streamed = order.encode();
    assertThat(streamed).isEqualTo(DATABIND.toString(order, false));
    assertThat(order.toBuffer()).isEqualTo(DATABIND.toBuffer(order, false));
    assertThat(new JsonObject(streamed)).isEqualTo(order);
    assertThat(new JsonArray().add(order).encode()).isEqualTo(DATABIND.toString(new JsonArray().add(order), false));
  }

  @Test
  void fallsBackToDatabindForValuesOnlyItKnows() {
    JsonObject withRecord = new JsonObject().put("pair", new Pair("a", 1)).put("list", List.of(new Pair("b", 2)));
    assertThat(withRecord.encode()).isEqualTo("{\"pair\":{\"left\":\"a\",\"right\":1},\"list\":[{\"left\":\"b\",\"right\":2}]}");
    assertThat(withRecord.encodePrettily()).contains("\"left\" : \"a\"");
  }
}
