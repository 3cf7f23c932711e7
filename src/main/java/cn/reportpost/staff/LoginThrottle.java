package cn.reportpost.staff;

import cn.reportpost.redis.Redis;
import io.vertx.core.Future;

import java.time.Duration;

/**
 * Locks a username for a while after repeated failed logins, across all instances (Redis). The
 * count lives as long as the lock: each failure renews the window.
 */
public final class LoginThrottle {

  private final Redis redis;
  private final int maxFailures;
  private final Duration lock;

  public LoginThrottle(Redis redis, int maxFailures, Duration lock) {
    this.redis = redis;
    this.maxFailures = maxFailures;
    this.lock = lock;
  }

  /** Seconds until the username may try again; 0 when it is not locked. */
  public Future<Long> lockedForSeconds(String username) {
    String key = key(username);
    return redis.call(c -> c.get(key)).compose(count -> {
      if (count == null || Integer.parseInt(count) < maxFailures) {
        return Future.succeededFuture(0L);
      }
      return redis.call(c -> c.ttl(key)).map(ttl -> Math.max(1L, ttl));
    });
  }

  public Future<Void> failed(String username) {
    String key = key(username);
    return redis.call(c -> c.incr(key)).compose(n -> redis.call(c -> c.expire(key, lock.toSeconds()))).mapEmpty();
  }

  public Future<Void> succeeded(String username) {
    return redis.call(c -> c.del(key(username))).mapEmpty();
  }

  private static String key(String username) {
    return "staff:login-failures:" + username;
  }
}
