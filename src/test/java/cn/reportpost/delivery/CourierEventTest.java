package cn.reportpost.delivery;

import cn.reportpost.api.FieldError;
import cn.reportpost.order.model.OrderStatus;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CourierEventTest {

  private final Clock clock = Clock.fixed(Instant.parse("2026-11-29T06:00:00Z"), ZoneOffset.UTC);

  private CourierEvent parse(JsonObject json, List<FieldError> errors) {
    return CourierEvent.parse(json, "RP0001", "events[0].", clock, errors);
  }

  @Test
  void readsAWellFormedEvent() {
    List<FieldError> errors = new ArrayList<>();
    CourierEvent e = parse(new JsonObject().put("eventId", "phone-42-0001").put("type", "IN_TRANSIT")
        .put("at", "2026-11-29T13:30:00+08:00").put("location", " 太原邮区中心 "), errors);
    assertThat(errors).isEmpty();
    assertThat(e.type()).isEqualTo(OrderStatus.IN_TRANSIT);
    assertThat(e.location()).isEqualTo("太原邮区中心");
    assertThat(e.note()).isEmpty();
  }

  @Test
  void namesEveryBadFieldWithItsPlaceInTheBatch() {
    List<FieldError> errors = new ArrayList<>();
    CourierEvent e = parse(new JsonObject().put("eventId", "x").put("type", "PAID").put("at", "yesterday")
        .put("note", "a\u0007b"), errors);
    assertThat(e).isNull();
    assertThat(errors).extracting(FieldError::field)
        .containsExactlyInAnyOrder("events[0].eventId", "events[0].type", "events[0].at", "events[0].note");
  }

  @Test
  void refusesTimesInTheFutureAndLongAgo() {
    List<FieldError> future = new ArrayList<>();
    parse(new JsonObject().put("eventId", "evt-000001").put("type", "DELIVERED").put("at", "2026-11-29T07:00:00Z"), future);
    assertThat(future).singleElement().satisfies(f -> assertThat(f.message()).contains("future"));
    List<FieldError> old = new ArrayList<>();
    parse(new JsonObject().put("eventId", "evt-000002").put("type", "DELIVERED").put("at", "2026-09-01T07:00:00Z"), old);
    assertThat(old).singleElement().satisfies(f -> assertThat(f.message()).contains("30 days"));
    List<FieldError> skew = new ArrayList<>();
    parse(new JsonObject().put("eventId", "evt-000003").put("type", "DELIVERED").put("at", "2026-11-29T06:03:00Z"), skew);
    assertThat(skew).as("a phone a few minutes fast").isEmpty();
  }
}
