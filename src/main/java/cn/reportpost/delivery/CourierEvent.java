package cn.reportpost.delivery;

import cn.reportpost.api.FieldError;
import cn.reportpost.order.model.OrderStateMachine;
import cn.reportpost.order.model.OrderStatus;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A status report from a courier's phone, perhaps collected offline and sent later. POSTED carries
 * the EMS waybill number ({@code waybillNo}), so posting works without signal too; it is null for
 * every other type.
 */
public record CourierEvent(String orderNo, String eventId, OrderStatus type, OffsetDateTime at, String location, String note,
    String waybillNo) {

  private static final Pattern EVENT_ID = Pattern.compile("[A-Za-z0-9._:-]{8,64}");
  /** Phones' clocks drift; a report a little in the future is still believed. */
  private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
  private static final Duration OLDEST = Duration.ofDays(30);

  /** Reads and checks one event; {@code prefix} names where it sits in the request ("events[3]."). */
  public static CourierEvent parse(JsonObject json, String orderNo, String prefix, Clock clock, List<FieldError> errors) {
    int before = errors.size();
    String eventId = text(json, "eventId", prefix, 64, true, errors);
    if (eventId != null && !EVENT_ID.matcher(eventId).matches()) {
      errors.add(new FieldError(prefix + "eventId", "must be 8–64 letters, digits or . _ : -"));
    }
    OrderStatus type = null;
    String rawType = text(json, "type", prefix, 32, true, errors);
    if (rawType != null) {
      try {
        type = OrderStatus.valueOf(rawType);
      } catch (IllegalArgumentException e) {
        type = null;
      }
      if (type == null || (type != OrderStatus.POSTED && !OrderStateMachine.isCourierEventType(type))) {
        errors.add(new FieldError(prefix + "type", "must be POSTED (with waybillNo) or one of " + OrderStateMachine.courierEventTypes()));
      }
    }
    OffsetDateTime at = null;
    String rawAt = text(json, "at", prefix, 40, true, errors);
    if (rawAt != null) {
      try {
        at = OffsetDateTime.parse(rawAt);
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (at.isAfter(now.plus(CLOCK_SKEW))) {
          errors.add(new FieldError(prefix + "at", "lies in the future"));
        } else if (at.isBefore(now.minus(OLDEST))) {
          errors.add(new FieldError(prefix + "at", "is more than 30 days ago"));
        }
      } catch (DateTimeParseException e) {
        errors.add(new FieldError(prefix + "at", "must be an ISO-8601 time with offset, like 2026-11-29T14:05:00+08:00"));
      }
    }
    String location = text(json, "location", prefix, 100, false, errors);
    String note = text(json, "note", prefix, 200, false, errors);
    String waybillNo = text(json, "waybillNo", prefix, 32, type == OrderStatus.POSTED, errors);
    if (waybillNo != null && type != OrderStatus.POSTED) {
      errors.add(new FieldError(prefix + "waybillNo", "belongs only to a POSTED event"));
    }
    if (errors.size() > before) {
      return null;
    }
    return new CourierEvent(orderNo, eventId, type, at, location == null ? "" : location, note == null ? "" : note, waybillNo);
  }

  private static String text(JsonObject json, String field, String prefix, int max, boolean required, List<FieldError> errors) {
    Object value = json.getValue(field);
    if (value == null) {
      if (required) {
        errors.add(new FieldError(prefix + field, "is required"));
      }
      return null;
    }
    if (!(value instanceof String s)) {
      errors.add(new FieldError(prefix + field, "must be a string"));
      return null;
    }
    String stripped = s.strip();
    if (stripped.length() > max) {
      errors.add(new FieldError(prefix + field, "must be at most " + max + " characters"));
      return null;
    }
    if (stripped.chars().anyMatch(Character::isISOControl)) {
      errors.add(new FieldError(prefix + field, "contains control characters"));
      return null;
    }
    if (required && stripped.isEmpty()) {
      errors.add(new FieldError(prefix + field, "is required"));
      return null;
    }
    return stripped;
  }

}
