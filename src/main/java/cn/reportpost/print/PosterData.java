package cn.reportpost.print;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One test site's poster. Its code comes either as a text to encode here ({@code qrText}: the URL
 * of the official account's permanent parametric QR code) or as the image of the mini-program code
 * that WeChat drew ({@code qrPng}, placed as given), never both.
 */
public record PosterData(String siteCode, String siteName, String cityName, int feeFen, byte[] qrPng,
    String qrText) {

  /** The catalogue's site code rule; it also names the poster's files for the print shop. */
  private static final Pattern SITE_CODE = Pattern.compile("[A-Z0-9]{2,16}");

  public PosterData {
    Objects.requireNonNull(siteCode, "siteCode");
    Objects.requireNonNull(siteName, "siteName");
    Objects.requireNonNull(cityName, "cityName");
    if (!SITE_CODE.matcher(siteCode).matches()) {
      throw new IllegalArgumentException("site code must be 2–16 capital letters or digits, got " + siteCode);
    }
    if (feeFen < 0) {
      throw new IllegalArgumentException("fee cannot be negative, got " + feeFen + " fen");
    }
    if ((qrPng == null) == (qrText == null)) {
      throw new IllegalArgumentException("give the code as an image or as a text, exactly one");
    }
  }

  /** With the mini-program code WeChat drew for the site. */
  public static PosterData withMiniProgramCode(String siteCode, String siteName, String cityName, int feeFen,
      byte[] png) {
    return new PosterData(siteCode, siteName, cityName, feeFen, Objects.requireNonNull(png, "png"), null);
  }

  /** With a text (the code's URL) that the poster encodes itself. */
  public static PosterData withQrText(String siteCode, String siteName, String cityName, int feeFen, String text) {
    return new PosterData(siteCode, siteName, cityName, feeFen, null, Objects.requireNonNull(text, "text"));
  }

  /** Whether a scan opens the mini-program rather than the official account. */
  public boolean opensMiniProgram() {
    return qrPng != null;
  }

  /** The fee as residents read it: ¥15.00. */
  public String feeText() {
    return String.format("¥%d.%02d", feeFen / 100, feeFen % 100);
  }
}
