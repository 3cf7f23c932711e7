package cn.reportpost.order.model;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks a document number for its {@link IdType}. The non-mainland rules check the shape only:
 * those documents have no public check digit.
 */
public final class IdDocuments {

  private static final Pattern PASSPORT = Pattern.compile("[A-Z0-9]{5,17}");
  /**
   * Mainland residents' permit to Hong Kong and Macao: C and 8 characters (a letter second in
   * newer series); Hong Kong (H) or Macao (M) residents' permit: 8 digits, optionally followed by
   * the 2-digit issue count printed on the card.
   */
  private static final Pattern HK_MACAO = Pattern.compile("C[A-Z0-9]\\d{7}|[HM]\\d{8}(\\d{2})?");
  /** Taiwan residents' permit: 8 digits on the card form, 10 with the 2-digit issue count. */
  private static final Pattern TAIWAN = Pattern.compile("\\d{8}(\\d{2})?");

  private IdDocuments() {}

  /** Trims and upper-cases: none of these documents distinguishes letter case. */
  public static String normalise(String raw) {
    return raw.strip().toUpperCase(Locale.ROOT);
  }

  /** What is wrong with a normalised number, for a person to read; empty when it is valid. */
  public static Optional<String> problem(IdType type, String number, LocalDate today) {
    return switch (type) {
      case ID_CARD -> ChineseIdCard.problem(number, today);
      case PASSPORT -> shape(PASSPORT, number, "must be 5 to 17 letters or digits");
      case HK_MACAO_PERMIT -> shape(HK_MACAO, number,
          "must be C followed by 8 characters, or H or M followed by 8 or 10 digits");
      case TAIWAN_PERMIT -> shape(TAIWAN, number, "must be 8 or 10 digits");
    };
  }

  private static Optional<String> shape(Pattern pattern, String number, String message) {
    return pattern.matcher(number).matches() ? Optional.empty() : Optional.of(message);
  }
}
