package cn.reportpost.resident;

import java.util.regex.Pattern;

/**
 * Where a sign-in may send the resident afterwards: only a path on this site. Anything that a
 * browser could read as another origin ({@code //evil}, {@code /\evil}, schemes, control
 * characters) is refused, so the callback can never become an open redirect.
 */
public final class SafeRedirect {

  private static final Pattern ALLOWED = Pattern.compile("/[A-Za-z0-9._~!$&'()*+,;=:@%/?#-]*");

  private SafeRedirect() {}

  public static boolean isSafe(String next) {
    return next != null && next.length() <= 512 && ALLOWED.matcher(next).matches()
        && !next.startsWith("//") && !next.startsWith("/\\") && !next.contains("\\");
  }
}
