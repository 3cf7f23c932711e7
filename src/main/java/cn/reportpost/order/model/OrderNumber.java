package cn.reportpost.order.model;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Locale;

/**
 * Order numbers such as {@code RP240311K7QM2XA3}: "RP", the order date yyMMdd (Beijing time),
 * seven random characters and one check character. 16 characters of [0-9A-Z], so it is a valid
 * WeChat Pay out_trade_no and a short Code 128 barcode.
 *
 * <p>The random and check characters come from 31 symbols without 0/O, 1/I/L, which people
 * confuse when reading a label aloud. 31 is prime, so a weighted sum mod 31 (weights 14 down to 2
 * over the date and random characters, 1 for the check character) catches every single wrong
 * character and every swap of two neighbours after the prefix. Seven characters give 31^7
 * (about 2.7e10) numbers per day; the unique index on the order number still decides, and a
 * clash is retried with a fresh number.
 */
public final class OrderNumber {

  public static final String PREFIX = "RP";
  public static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
  static final int RANDOM_LENGTH = 7;
  public static final int LENGTH = PREFIX.length() + 6 + RANDOM_LENGTH + 1;
  /** WeChat Pay allows several refunds per order; ReportPost makes one, full, so one suffix. */
  static final String REFUND_SUFFIX = "R1";

  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("uuMMdd").withResolverStyle(ResolverStyle.STRICT);
  private static final int MODULUS = ALPHABET.length();

  private OrderNumber() {}

  /** Trims and upper-cases what a person typed or a scanner read. */
  public static String normalise(String raw) {
    return raw.strip().toUpperCase(Locale.ROOT);
  }

  /** Prefix, real date, alphabet characters and a matching check character; case-sensitive. */
  public static boolean isWellFormed(String candidate) {
    if (candidate == null || candidate.length() != LENGTH || !candidate.startsWith(PREFIX)) {
      return false;
    }
    String date = candidate.substring(2, 8);
    if (!date.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return false;
    }
    try {
      LocalDate.parse(date, DATE);
    } catch (DateTimeParseException e) {
      return false;
    }
    String random = candidate.substring(8, LENGTH - 1);
    char check = candidate.charAt(LENGTH - 1);
    if (!random.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0) || ALPHABET.indexOf(check) < 0) {
      return false;
    }
    return checkCharacter(date, random) == check;
  }

  /**
   * The refund number (WeChat Pay out_refund_no) of an order: the order number and "R1". Being
   * derived, a retried refund request carries the same number and WeChat refunds only once.
   */
  public static String refundNumber(String orderNumber) {
    if (!isWellFormed(orderNumber)) {
      throw new IllegalArgumentException("not an order number: " + orderNumber);
    }
    return orderNumber + REFUND_SUFFIX;
  }

  /** The check character for the yyMMdd digits and the random alphabet characters. */
  static char checkCharacter(String date, String random) {
    String body = date + random;
    int sum = 0;
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      int value = i < date.length() ? c - '0' : ALPHABET.indexOf(c);
      sum += value * (body.length() + 1 - i);
    }
    // The check value v makes sum + v ≡ 0 (mod 31), with weight 1.
    return ALPHABET.charAt((MODULUS - sum % MODULUS) % MODULUS);
  }

  static String datePart(LocalDate date) {
    return DATE.format(date);
  }
}
