package cn.reportpost.http;

import cn.reportpost.redis.Redis;
import io.lettuce.core.GetExArgs;
import io.lettuce.core.SetArgs;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * Sessions in Redis, shared by every instance: staff and residents alike. The client holds a random
 * token; Redis holds only its SHA-256, so a copy of Redis hands out no sessions. A session ends
 * after an idle period (the key's TTL, renewed on use) or its absolute lifetime, whichever is first.
 */
public final class SessionStore {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String EXPIRES_AT = "_expiresAt";

  private final Redis redis;
  private final Clock clock;
  private final String prefix;
  private final Duration idle;
  private final Duration absolute;

  public SessionStore(Redis redis, Clock clock, String kind, Duration idle, Duration absolute) {
    this.redis = redis;
    this.clock = clock;
    this.prefix = "session:" + kind + ":";
    this.idle = idle;
    this.absolute = absolute;
  }

  /** Stores {@code data} and answers the new session's token. */
  public Future<String> open(JsonObject data) {
    String token = randomToken();
    JsonObject value = data.copy().put(EXPIRES_AT, clock.millis() + absolute.toMillis());
    return redis.call(c -> c.set(key(token), value.encode(), SetArgs.Builder.px(idle.toMillis()))).map(token);
  }

  /**
   * Like {@link #open(JsonObject)}, and remembers the session under {@code subject} so that
   * {@link #closeAll} can end every session of that subject (a disabled account, a new password).
   */
  public Future<String> open(String subject, JsonObject data) {
    return open(data).compose(token -> {
      String index = indexKey(subject);
      return redis.call(c -> c.sadd(index, key(token)))
          .compose(n -> redis.call(c -> c.pexpire(index, absolute.toMillis())))
          .map(token);
    });
  }

  public Future<Void> closeAll(String subject) {
    String index = indexKey(subject);
    return redis.call(c -> c.smembers(index)).compose(keys -> keys.isEmpty()
        ? Future.succeededFuture()
        : redis.call(c -> c.del(keys.toArray(String[]::new))).mapEmpty())
        .compose(v -> redis.call(c -> c.del(index))).mapEmpty();
  }

  private String indexKey(String subject) {
    return prefix + "index:" + subject;
  }

  public Future<Optional<JsonObject>> find(String token) {
    if (token == null || token.isEmpty() || token.length() > 100) {
      return Future.succeededFuture(Optional.empty());
    }
    String key = key(token);
    // GETEX reads the session and renews its idle expiry in one round trip.
    return redis.call(c -> c.getex(key, GetExArgs.Builder.px(idle.toMillis()))).compose(raw -> {
      if (raw == null) {
        return Future.succeededFuture(Optional.<JsonObject>empty());
      }
      JsonObject value = new JsonObject(raw);
      if (clock.millis() >= value.getLong(EXPIRES_AT)) {
        return redis.call(c -> c.del(key)).map(n -> Optional.<JsonObject>empty());
      }
      value.remove(EXPIRES_AT);
      return Future.succeededFuture(Optional.of(value));
    });
  }

  public Future<Void> close(String token) {
    return redis.call(c -> c.del(key(token))).mapEmpty();
  }

  public Duration absolute() {
    return absolute;
  }

  public static String randomToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private String key(String token) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
      return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
