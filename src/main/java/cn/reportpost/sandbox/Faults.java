package cn.reportpost.sandbox;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Armed failures: the next {@code count} calls to an API fail in the given way. */
final class Faults {

  enum Mode { HTTP500, TIMEOUT, BAD_SIGNATURE }

  private record Armed(Mode mode, int remaining) {}

  private final Map<String, Armed> armed = new ConcurrentHashMap<>();

  void arm(String api, Mode mode, int count) {
    armed.put(api, new Armed(mode, count));
  }

  /** The fault for this call of {@code api}, if one is armed; counts it down. */
  Mode take(String api) {
    Armed[] taken = new Armed[1];
    armed.computeIfPresent(api, (k, a) -> {
      taken[0] = a;
      return a.remaining() <= 1 ? null : new Armed(a.mode(), a.remaining() - 1);
    });
    return taken[0] == null ? null : taken[0].mode();
  }

  static Mode parse(String mode) {
    return switch (mode) {
      case "http500" -> Mode.HTTP500;
      case "timeout" -> Mode.TIMEOUT;
      case "bad-signature" -> Mode.BAD_SIGNATURE;
      default -> null;
    };
  }
}
