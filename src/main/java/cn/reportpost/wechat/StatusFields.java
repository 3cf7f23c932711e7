package cn.reportpost.wechat;

import cn.reportpost.order.model.OrderStatus;
import io.vertx.core.json.JsonObject;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The order-status message's four fields, shared by the official account's template message and
 * the mini-program's subscribe message (both templates have the keywords character_string1,
 * phrase2, thing3, time4), each cut to what WeChat accepts for its kind: thing at most 20
 * characters, character_string at most 32 letters, digits and symbols, phrase at most 5
 * characters, time as yyyy-MM-dd HH:mm. A value over the limit makes WeChat refuse the whole
 * message (47003), so it is cut here instead.
 */
final class StatusFields {

  static final int THING = 20;
  static final int CHARACTER_STRING = 32;
  static final int PHRASE = 5;
  private static final Pattern CHARACTER_STRING_CHARS = Pattern.compile("[\\x21-\\x7e]*");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
  private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

  private StatusFields() {}

  /** {@code payload} is the outbox row's: orderNo, status, at, note. */
  static Map<String, String> of(JsonObject payload) {
    String detail = payload.getString("note", "");
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("character_string1", characterString(payload.getString("orderNo")));
    fields.put("phrase2", cut(OrderStatus.valueOf(payload.getString("status")).label(), PHRASE));
    fields.put("thing3", thing(detail == null || detail.isBlank() ? "点击查看详情" : detail));
    fields.put("time4", OffsetDateTime.parse(payload.getString("at")).atZoneSameInstant(BEIJING).format(TIME));
    return fields;
  }

  /** One line of at most 20 characters, with an ellipsis when cut. */
  static String thing(String text) {
    String line = text.replaceAll("\\s+", " ").strip();
    return line.codePointCount(0, line.length()) <= THING ? line : cut(line, THING - 1) + "…";
  }

  private static String characterString(String text) {
    if (!CHARACTER_STRING_CHARS.matcher(text).matches() || text.length() > CHARACTER_STRING) {
      throw new IllegalArgumentException("not a WeChat character_string value: " + text);
    }
    return text;
  }

  private static String cut(String text, int codePoints) {
    return text.codePointCount(0, text.length()) <= codePoints ? text : text.substring(0, text.offsetByCodePoints(0, codePoints));
  }
}
