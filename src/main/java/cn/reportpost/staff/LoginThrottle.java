package cn.reportpost.staff;

import cn.reportpost.api.ProblemException;
import cn.reportpost.redis.Redis;
import io.lettuce.core.ScriptOutputType;
import io.vertx.core.Future;

import java.time.Duration;
import java.util.List;

/**
 * Failed staff sign-ins, counted across all instances (Redis), on two keys:
 *
 * <ul>
 *   <li>an account from one address: after {@code maxFailures} failures in a row that address may
 *   not try the account again for {@code lock} (each failure renews it). Someone hammering
 *   {@code admin} locks only themselves out of it; the real admin, elsewhere, still signs in.
 *   <li>an address, over every account: after {@code maxPerAddress} failed attempts, or attempts
 *   at an account it is locked out of, within {@code addressWindow}, the address is refused
 *   outright for a whole window. This bounds password spraying over many accounts, and an address
 *   that keeps hammering a locked account ends up here: the brunt falls on the attacker's address.
 * </ul>
 *
 * An attempt at an account is counted as a failure before the password is checked, in the same
 * Lua step that checks the lock, so guesses sent at once cannot slip past the limit between the
 * check and the count; a sign-in that turns out right clears the count, one that never reached a
 * verdict gives its count back. The address counts only failures, once known, so that colleagues
 * behind one office address signing in at the same moment never add up to a block; guesses in
 * flight can overshoot its limit only by what the hashing pool holds at once.
 */
public final class LoginThrottle {

  /** Counts one against an address; a window starts with the first, and a block when the limit is reached. */
  private static final String COUNT_ADDRESS = """
      local function countAddress(key, max, millis)
        local n = redis.call('INCR', key)
        if n == 1 or n == tonumber(max) then redis.call('PEXPIRE', key, millis) end
      end
      """;

  /**
   * KEYS: account-from-address, address. ARGV: maxFailures, lockMillis, maxPerAddress, addressWindowMillis.
   * Answers {0, 0} when the attempt may go ahead (and is counted), else {1 for the account or 2 for
   * the address, milliseconds until it may try again}.
   */
  private static final String ATTEMPT = COUNT_ADDRESS + """
      local function refused(key, max, millis)
        if tonumber(redis.call('GET', key) or '0') < tonumber(max) then return false end
        local ttl = redis.call('PTTL', key)
        if ttl < 0 then redis.call('PEXPIRE', key, millis); ttl = tonumber(millis) end
        return ttl
      end
      local wait = refused(KEYS[2], ARGV[3], ARGV[4])
      if wait then return {2, wait} end
      wait = refused(KEYS[1], ARGV[1], ARGV[2])
      if wait then
        countAddress(KEYS[2], ARGV[3], ARGV[4])
        return {1, wait}
      end
      redis.call('INCR', KEYS[1])
      redis.call('PEXPIRE', KEYS[1], ARGV[2])
      return {0, 0}""";

  /**
   * KEYS as above. ARGV: the outcome, maxPerAddress, addressWindowMillis. A failure counts against
   * the address (the account's count was taken with the attempt); a success clears the account's
   * count; a release gives back the attempt's.
   */
  private static final String SETTLE = COUNT_ADDRESS + """
      if ARGV[1] == 'failure' then
        countAddress(KEYS[2], ARGV[2], ARGV[3])
      elseif ARGV[1] == 'success' then
        redis.call('DEL', KEYS[1])
      elseif tonumber(redis.call('GET', KEYS[1]) or '0') > 0 then
        redis.call('DECR', KEYS[1])
      end
      return 0""";

  private final Redis redis;
  private final int maxFailures;
  private final Duration lock;
  private final int maxPerAddress;
  private final Duration addressWindow;

  public LoginThrottle(Redis redis, int maxFailures, Duration lock, int maxPerAddress, Duration addressWindow) {
    this.redis = redis;
    this.maxFailures = maxFailures;
    this.lock = lock;
    this.maxPerAddress = maxPerAddress;
    this.addressWindow = addressWindow;
  }

  /**
   * Counts one attempt at {@code username} from {@code address} as a failure, or fails with a 429
   * problem when the account is locked for that address or the address is refused.
   */
  public Future<Void> attempt(String username, String address) {
    String[] args = {Integer.toString(maxFailures), Long.toString(lock.toMillis()),
        Integer.toString(maxPerAddress), Long.toString(addressWindow.toMillis())};
    return redis.<List<Long>>script(ATTEMPT, ScriptOutputType.MULTI, keys(username, address), args)
        .compose(answer -> {
          long seconds = (answer.get(1) + 999) / 1000;
          if (answer.get(0) == 1) {
            return Future.failedFuture(ProblemException.tooManyRequests("this account is locked for " + seconds
                + " more second(s) after repeated failed sign-ins", seconds));
          }
          if (answer.get(0) == 2) {
            return Future.failedFuture(ProblemException.tooManyRequests("too many failed sign-ins from your network;"
                + " try again in " + seconds + " second(s)", seconds));
          }
          return Future.succeededFuture();
        });
  }

  /** The password was wrong (or the username unknown). */
  public Future<Void> failed(String username, String address) {
    return settle("failure", username, address);
  }

  /** The password was right: the account's failures from this address are forgotten. */
  public Future<Void> succeeded(String username, String address) {
    return settle("success", username, address);
  }

  /** The attempt never reached a verdict (the server failed or was too busy): it does not count. */
  public Future<Void> released(String username, String address) {
    return settle("release", username, address);
  }

  private Future<Void> settle(String outcome, String username, String address) {
    return redis.call(c -> c.<Long>eval(SETTLE, ScriptOutputType.INTEGER, keys(username, address), outcome,
        Integer.toString(maxPerAddress), Long.toString(addressWindow.toMillis()))).mapEmpty();
  }

  /**
   * The braces end the address (which never holds one) whatever the username says, and keep both
   * keys of one address in one Redis Cluster slot, as a script needs.
   */
  private static String[] keys(String username, String address) {
    String byAddress = "staff:login-failures:{" + address + "}";
    return new String[] {byAddress + "/" + username, byAddress};
  }
}
