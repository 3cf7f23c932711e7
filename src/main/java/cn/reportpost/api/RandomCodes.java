package cn.reportpost.api;

import java.security.SecureRandom;
import java.util.Random;

/** Short random codes people read and type (order numbers, batch numbers): the one generator of them. */
public final class RandomCodes {

  private static final SecureRandom SECURE = new SecureRandom();

  private RandomCodes() {}

  /** {@code length} characters drawn from {@code alphabet} with a cryptographically strong source. */
  public static String of(String alphabet, int length) {
    return of(SECURE, alphabet, length);
  }

  /** The same with a given source, so tests can repeat a sequence. */
  public static String of(Random random, String alphabet, int length) {
    StringBuilder code = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      code.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return code.toString();
  }
}
