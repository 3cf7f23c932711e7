package cn.reportpost.order.model;

import java.util.Optional;
import java.util.regex.Pattern;

/** Mainland mobile numbers: 11 digits starting 13 to 19. */
public final class MobilePhones {

  private static final Pattern MOBILE = Pattern.compile("1[3-9]\\d{9}");
  /** What people type between digit groups; all other characters make the number invalid. */
  private static final Pattern SEPARATORS = Pattern.compile("[\\s\\u3000-]");

  private MobilePhones() {}

  /**
   * The 11 digits of a mainland mobile number, accepting spaces, dashes and the country code
   * written as +86, 0086 or 86; empty when it is not one.
   */
  public static Optional<String> normalise(String raw) {
    String digits = SEPARATORS.matcher(raw).replaceAll("");
    if (digits.startsWith("+86")) {
      digits = digits.substring(3);
    } else if (digits.startsWith("0086")) {
      digits = digits.substring(4);
    } else if (digits.startsWith("86") && digits.length() == 13) {
      digits = digits.substring(2);
    }
    return MOBILE.matcher(digits).matches() ? Optional.of(digits) : Optional.empty();
  }
}
