package cn.reportpost.privacy;

/**
 * Shows enough of a personal value to recognise it, for everyone except its owner: staff lists,
 * labels, chat messages, logs. Lengths are kept, counted in characters, so a masked value still
 * lines up on a label. A null stays null.
 */
public final class Masking {

  private Masking() {}

  /** 18-character ID number: first 4 (province and city) and last 4, e.g. 1401**********123X. */
  public static String idNumber(String number) {
    if (number == null) {
      return null;
    }
    int length = number.codePointCount(0, number.length());
    if (length >= 12) {
      return keep(number, 4, 4);
    }
    // Passports and permits are shorter; keeping 4 + 4 of 9 would hide almost nothing.
    return length >= 8 ? keep(number, 2, 2) : keep(number, 1, 1);
  }

  /** Mobile number: the first 3 (operator) and the last 4, e.g. 138****1234. */
  public static String phone(String phone) {
    if (phone == null) {
      return null;
    }
    int length = phone.codePointCount(0, phone.length());
    return length >= 8 ? keep(phone, 3, 4) : keep(phone, 0, 0);
  }

  /** Name: the family name stays, and for three or more characters the last too: 张*, 张*明. */
  public static String name(String name) {
    if (name == null) {
      return null;
    }
    int length = name.codePointCount(0, name.length());
    return length <= 2 ? keep(name, length - 1, 0) : keep(name, 1, 1);
  }

  /**
   * Street address: the first few characters (the street), the rest starred, e.g. 迎泽大街*****.
   * Province, city and district are shown beside it unmasked.
   */
  public static String address(String address) {
    if (address == null) {
      return null;
    }
    int length = address.codePointCount(0, address.length());
    return keep(address, Math.min(4, length / 3), 0);
  }

  /** Keeps {@code head} and {@code tail} code points and stars everything between. */
  private static String keep(String value, int head, int tail) {
    int points = value.codePointCount(0, value.length());
    StringBuilder out = new StringBuilder(value.length());
    // Walked by index, not as a stream of code points: staff lists mask three fields of every row.
    for (int i = 0, at = 0; at < value.length(); i++) {
      int point = value.codePointAt(at);
      at += Character.charCount(point);
      if (i < head || i >= points - tail) {
        out.appendCodePoint(point);
      } else {
        out.append('*');
      }
    }
    return out.toString();
  }
}
