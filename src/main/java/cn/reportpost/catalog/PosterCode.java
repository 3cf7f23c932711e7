package cn.reportpost.catalog;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Which code a site's poster carries: the official account's permanent parametric QR code, whose
 * scan opens the chat with the site chosen, or the mini-program's unlimited code, whose scan opens
 * the mini-program's order page with the site chosen.
 */
public enum PosterCode {
  MP_QR, MA_CODE;

  /** The code named exactly by {@code text}, or null when it names none. */
  public static PosterCode parse(String text) {
    return Arrays.stream(values()).filter(c -> c.name().equals(text)).findFirst().orElse(null);
  }

  /** The names an admin may give, for error messages: "MP_QR or MA_CODE". */
  public static String choices() {
    return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(" or "));
  }
}
