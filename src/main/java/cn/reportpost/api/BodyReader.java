package cn.reportpost.api;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads typed fields out of a parsed JSON object and collects every problem instead of stopping
 * at the first, naming each field by its JSON path. A getter answers null when the field is
 * absent or wrong; the error is recorded then, and {@link #check()} throws them all as one 400.
 * The one way every route reads a request body; plain Java, so the order rules use it too.
 */
public final class BodyReader {

  private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

  private final List<FieldError> errors = new ArrayList<>();

  public List<FieldError> errors() {
    return errors;
  }

  public void fail(String path, String message) {
    errors.add(new FieldError(path, message));
  }

  /**
   * A nested object. Accepts a Map, or anything iterable over String-keyed entries such as a
   * hand-built Vert.x JsonObject, without this package depending on Vert.x.
   */
  public Map<String, Object> object(Map<String, Object> parent, String key, String path) {
    Object value = parent.get(key);
    if (value == null) {
      fail(path, "is required");
      return null;
    }
    Map<String, Object> map = asObject(value);
    if (map == null) {
      fail(path, "must be an object");
    }
    return map;
  }

  /** Required text of {@code min}..{@code max} characters (code points, after stripping). */
  public String text(Map<String, Object> parent, String key, String path, int min, int max) {
    String text = optionalText(parent, key, path, max);
    if (text == null) {
      if (!hasError(path)) {
        fail(path, "is required");
      }
      return null;
    }
    int length = text.codePointCount(0, text.length());
    if (length < min) {
      fail(path, lengthMessage(min, max));
      return null;
    }
    return text;
  }

  /** Text of at most {@code max} characters; null when absent, null or blank. */
  public String optionalText(Map<String, Object> parent, String key, String path, int max) {
    Object value = parent.get(key);
    if (value == null) {
      return null;
    }
    if (!(value instanceof String raw)) {
      fail(path, "must be text");
      return null;
    }
    if (raw.codePoints().anyMatch(BodyReader::isControl)) {
      fail(path, "must not contain control characters");
      return null;
    }
    String text = raw.strip();
    if (text.isEmpty()) {
      return null;
    }
    if (text.codePointCount(0, text.length()) > max) {
      fail(path, "must be at most " + max + " characters long");
      return null;
    }
    return text;
  }

  /**
   * A whole JSON number; null when absent. 2.0 counts as 2 since JSON does not tell them apart,
   * but the text "2" is a wrong type.
   */
  public Long wholeNumber(Map<String, Object> parent, String key, String path) {
    Object value = parent.get(key);
    if (value == null) {
      return null;
    }
    if (value instanceof Integer || value instanceof Long || value instanceof Short
        || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof Double || value instanceof Float || value instanceof BigDecimal
        || value instanceof BigInteger) {
      if ((value instanceof Double d && !Double.isFinite(d)) || (value instanceof Float f && !Float.isFinite(f))) {
        fail(path, "must be a whole number");
        return null;
      }
      BigDecimal decimal = new BigDecimal(value.toString());
      if (decimal.stripTrailingZeros().scale() <= 0 && decimal.abs().compareTo(LONG_MAX) <= 0) {
        return decimal.longValueExact();
      }
      fail(path, "must be a whole number");
      return null;
    }
    fail(path, "must be a number");
    return null;
  }

  /** A required list of {@code min}..{@code max} texts, each 1..{@code maxLength} characters, stripped. */
  public List<String> texts(Map<String, Object> parent, String key, String path, int min, int max, int maxLength) {
    Object value = parent.get(key);
    if (!(value instanceof Iterable<?> items) || asObject(value) != null) {
      fail(path, "must be a list of " + min + "–" + max + " items");
      return null;
    }
    List<Object> raw = new ArrayList<>();
    items.forEach(raw::add);
    if (raw.size() < min || raw.size() > max) {
      fail(path, "must be a list of " + min + "–" + max + " items");
      return null;
    }
    List<String> texts = new ArrayList<>(raw.size());
    for (int i = 0; i < raw.size(); i++) {
      String text = text(Map.of("item", raw.get(i) == null ? "" : raw.get(i)), "item", path + "[" + i + "]", 1, maxLength);
      if (text != null) {
        texts.add(text);
      }
    }
    return texts.size() == raw.size() ? texts : null;
  }

  /** A boolean; {@code otherwise} when absent. */
  public Boolean bool(Map<String, Object> parent, String key, String path, boolean otherwise) {
    Object value = parent.get(key);
    if (value == null) {
      return otherwise;
    }
    if (!(value instanceof Boolean b)) {
      fail(path, "must be true or false");
      return null;
    }
    return b;
  }

  /** Throws every problem found so far as one 400 answer naming each field. */
  public void check() {
    if (!errors.isEmpty()) {
      throw ProblemException.invalid(errors);
    }
  }

  private boolean hasError(String path) {
    return errors.stream().anyMatch(e -> e.field().equals(path));
  }

  private static String lengthMessage(int min, int max) {
    return "must be " + min + " to " + max + " characters long";
  }

  /**
   * C0/C1 controls (line breaks and tabs included: no field here is multi-line), the Unicode line
   * and paragraph separators, and bidirectional overrides, which can disguise text on a label.
   */
  private static boolean isControl(int codePoint) {
    return Character.isISOControl(codePoint)
        || codePoint == 0x2028 || codePoint == 0x2029
        || (codePoint >= 0x202A && codePoint <= 0x202E)
        || (codePoint >= 0x2066 && codePoint <= 0x2069);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asObject(Object value) {
    if (value instanceof Map<?, ?> map) {
      for (Object k : map.keySet()) {
        if (!(k instanceof String)) {
          return null;
        }
      }
      return (Map<String, Object>) map;
    }
    if (value instanceof Iterable<?> iterable && !(value instanceof List<?>)) {
      Map<String, Object> copy = new LinkedHashMap<>();
      for (Object element : iterable) {
        if (!(element instanceof Map.Entry<?, ?> entry) || !(entry.getKey() instanceof String k)) {
          return null;
        }
        copy.put(k, entry.getValue());
      }
      return copy;
    }
    return null;
  }
}
