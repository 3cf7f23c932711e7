package cn.reportpost.sandbox;

import io.vertx.core.json.JsonObject;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * WeChat's rules for the values of template and subscribe messages, by keyword kind (the name
 * without its number): thing at most 20 characters, character_string at most 32 letters, digits
 * and symbols, phrase at most 5 Chinese characters, time a date and time, number at most 32
 * digits. WeChat refuses a message breaking any of them with 47003.
 */
final class MessageData {

  private static final Pattern KIND = Pattern.compile("([a-z_]+?)\\d+");
  private static final Map<String, Pattern> RULES = Map.of(
      "thing", Pattern.compile("[^\\r\\n]{1,20}"),
      "character_string", Pattern.compile("[\\x21-\\x7e]{1,32}"),
      "phrase", Pattern.compile("\\p{IsHan}{1,5}"),
      "time", Pattern.compile("\\d{4}-\\d{2}-\\d{2}( \\d{2}:\\d{2}(:\\d{2})?)?"),
      "number", Pattern.compile("[0-9.]{1,32}"));

  private MessageData() {}

  /** The 47003 answer for the first value that breaks its rule, or null when all are fine. */
  static JsonObject problem(JsonObject data) {
    if (data == null || data.isEmpty()) {
      return MpTokens.error(47003, "argument invalid! data is empty");
    }
    for (String key : data.fieldNames()) {
      Object field = data.getValue(key);
      String value = field instanceof JsonObject o ? o.getString("value") : null;
      var kind = KIND.matcher(key);
      Pattern rule = kind.matches() ? RULES.get(kind.group(1)) : null;
      if (value == null || (rule != null && !rule.matcher(value).matches())) {
        return MpTokens.error(47003, "argument invalid! data." + key + ".value invalid");
      }
    }
    return null;
  }
}
