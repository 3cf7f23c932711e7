package cn.reportpost.chat;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** A keyword rule ADMIN added: when a text message matches, the bot answers {@code reply}. */
public record KeywordRule(long id, String keyword, Match match, int priority, String reply, boolean enabled) {

  public enum Match { EXACT, CONTAINS }

  /** Highest priority first, then the oldest rule, so the order never depends on the cache. */
  static final Comparator<KeywordRule> ORDER = Comparator.comparingInt(KeywordRule::priority).reversed()
      .thenComparingLong(KeywordRule::id);

  /** {@code normalisedText}: the message as {@link #normalise} leaves it. */
  boolean matches(String normalisedText) {
    String k = normalise(keyword);
    return enabled && (match == Match.EXACT ? normalisedText.equals(k) : normalisedText.contains(k));
  }

  /**
   * The reply of the first rule matching the message, given as {@link #normalise} leaves it;
   * {@code rules} must be in {@link #ORDER}.
   */
  static Optional<String> firstReply(List<KeywordRule> rules, String normalisedText) {
    return rules.stream().filter(r -> r.matches(normalisedText)).map(KeywordRule::reply).findFirst();
  }

  /** People type "Help " or "ＨＥＬＰ" as readily as "help": case, width and outer spaces do not count. */
  static String normalise(String text) {
    return java.text.Normalizer.normalize(text == null ? "" : text, java.text.Normalizer.Form.NFKC)
        .strip().toLowerCase(Locale.ROOT);
  }
}
