package cn.reportpost.order.model;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The 18-character mainland identity number (GB 11643): a six-digit region code, the birth date
 * as yyyyMMdd, a three-digit sequence and an ISO 7064 MOD 11-2 check character (0-9 or X).
 */
public final class ChineseIdCard {

  private static final Pattern SHAPE = Pattern.compile("\\d{17}[\\dX]");
  private static final String CHECK_CHARACTERS = "10X98765432";
  private static final DateTimeFormatter BIRTH_DATE =
      DateTimeFormatter.ofPattern("uuuuMMdd").withResolverStyle(ResolverStyle.STRICT);
  private static final LocalDate EARLIEST_BIRTH = LocalDate.of(1900, 1, 1);
  /**
   * First two digits: the GB/T 2260 province codes, plus 71 (Taiwan), 81/82 (Hong Kong, Macao)
   * and 83 (Taiwan), which residence permits of those residents carry. Stricter than "1 to 8",
   * and every number actually issued starts with one of these.
   */
  private static final Set<String> PROVINCE_PREFIXES = Set.of(
      "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
      "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64",
      "65", "71", "81", "82", "83");

  private ChineseIdCard() {}

  /**
   * The check character for the first 17 digits: weights 2^(17-i) mod 11, sum mod 11, mapped
   * through "10X98765432".
   */
  public static char checkCharacter(String first17) {
    if (first17.length() != 17 || !first17.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new IllegalArgumentException("need exactly 17 digits");
    }
    int sum = 0;
    int weight = 1;
    // From the right: the weight of each position doubles (mod 11) moving left.
    for (int i = 16; i >= 0; i--) {
      weight = weight * 2 % 11;
      sum += (first17.charAt(i) - '0') * weight;
    }
    return CHECK_CHARACTERS.charAt(sum % 11);
  }

  /** What is wrong with a normalised number, for a person to read; empty when it is valid. */
  public static Optional<String> problem(String number, LocalDate today) {
    if (!SHAPE.matcher(number).matches()) {
      return Optional.of("must be 18 characters: 17 digits and a check digit (0-9 or X)");
    }
    if (!PROVINCE_PREFIXES.contains(number.substring(0, 2))) {
      return Optional.of("does not start with a mainland region code");
    }
    LocalDate birth;
    try {
      birth = LocalDate.parse(number.substring(6, 14), BIRTH_DATE);
    } catch (DateTimeParseException e) {
      return Optional.of("does not contain a real birth date");
    }
    if (birth.isAfter(today) || birth.isBefore(EARLIEST_BIRTH)) {
      return Optional.of("does not contain a plausible birth date");
    }
    if (checkCharacter(number.substring(0, 17)) != number.charAt(17)) {
      return Optional.of("has a wrong check digit; please check the number for a typo");
    }
    return Optional.empty();
  }
}
