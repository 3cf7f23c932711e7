package cn.reportpost.wechat;

import cn.reportpost.api.ProblemException;

/**
 * WeChat's errcodes that are about the user's request rather than about our service, as the
 * problems the user should see: a sign-in code that is invalid, expired or used (a page reloaded,
 * a code sent twice), too many attempts, an account WeChat flags as risky. Anything else stays as
 * it was: our fault or WeChat's, answered as such.
 */
final class Refusals {

  private Refusals() {}

  /** {@code what}: the code's name for the user; {@code then}: what to do to get a new one. */
  static Throwable of(Throwable e, String what, String then) {
    if (!(e instanceof WeChatException w)) {
      return e;
    }
    return switch (w.code()) {
      case "40029", "40163", "40013" -> ProblemException.invalid("code",
          "WeChat did not accept " + what + ": it is invalid, expired or already used; " + then);
      case "45011" -> ProblemException.tooManyRequests("WeChat refuses more attempts for now; try again in a minute", 60);
      case "40226" -> new ProblemException(403, "Forbidden",
          "WeChat flagged this account as high-risk and refused the sign-in");
      default -> e;
    };
  }
}
