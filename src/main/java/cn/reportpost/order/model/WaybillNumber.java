package cn.reportpost.order.model;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An EMS waybill number as a courier scans or types it. Two forms are accepted:
 *
 * <ul>
 *   <li>EMS domestic: 13 digits. Only the shape is checked: China Post publishes no check-digit
 *       rule for these, and inventing one would refuse real parcels.
 *   <li>UPU S10: two letters (service), eight digits (serial), one check digit, two letters
 *       (country, CN for mail posted in China), e.g. {@code EE123456785CN}.
 * </ul>
 */
public final class WaybillNumber {

  private static final Pattern DOMESTIC = Pattern.compile("\\d{13}");
  private static final Pattern S10 = Pattern.compile("[A-Z]{2}\\d{9}[A-Z]{2}");
  private static final int[] S10_WEIGHTS = {8, 6, 4, 2, 3, 5, 9, 7};
  private static final Pattern SPACES = Pattern.compile("[\\s\\u3000]");

  private WaybillNumber() {}

  /** Upper-cases and drops spaces, which scanners and people add between digit groups. */
  public static String normalise(String raw) {
    return SPACES.matcher(raw).replaceAll("").toUpperCase(Locale.ROOT);
  }

  public static boolean isValid(String normalised) {
    return problem(normalised).isEmpty();
  }

  /** What is wrong with a normalised number, for a person to read; empty when it is valid. */
  public static Optional<String> problem(String number) {
    if (DOMESTIC.matcher(number).matches()) {
      return Optional.empty();
    }
    if (!S10.matcher(number).matches()) {
      return Optional.of("must be 13 digits, or 2 letters, 9 digits and 2 letters (UPU S10)");
    }
    if (s10CheckDigit(number.substring(2, 10)) != number.charAt(10)) {
      return Optional.of("has a wrong check digit; please scan or type it again");
    }
    return Optional.empty();
  }

  /**
   * The S10 check digit of an 8-digit serial: weights 8,6,4,2,3,5,9,7; c = 11 - (sum mod 11),
   * where 10 becomes 0 and 11 becomes 5.
   */
  public static char s10CheckDigit(String serial) {
    if (serial.length() != 8 || !serial.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new IllegalArgumentException("need exactly 8 digits");
    }
    int sum = 0;
    for (int i = 0; i < 8; i++) {
      sum += (serial.charAt(i) - '0') * S10_WEIGHTS[i];
    }
    int check = 11 - sum % 11;
    if (check == 10) {
      check = 0;
    } else if (check == 11) {
      check = 5;
    }
    return (char) ('0' + check);
  }
}
