package cn.reportpost.staff;

import cn.reportpost.redis.Redis;
import io.lettuce.core.SetArgs;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
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
 * Staff sessions in Redis, shared by every instance. The cookie holds a random token; Redis holds
 * only its SHA-256, so a copy of Redis does not hand out sessions. A session ends after an idle
 * period (the key's TTL, renewed on use) or an absolute lifetime, whichever comes first.
 */
public final class StaffSessions {

  /** A live session: the user, and the token state-changing requests must echo in X-CSRF-Token. */
  public record Session(StaffUser user, String csrfToken) {}

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Redis redis;
  private final Clock clock;
  private final Duration idle;
  private final Duration absolute;

  public StaffSessions(Redis redis, Clock clock, Duration idle, Duration absolute) {
    this.redis = redis;
    this.clock = clock;
    this.idle = idle;
    this.absolute = absolute;
  }

  /** Opens a session and answers its token (for the cookie) with the session. */
  public Future<String> open(StaffUser user, String csrfToken) {
    String token = randomToken();
    JsonObject value = new JsonObject()
        .put("id", user.id()).put("username", user.username()).put("role", user.role())
        .put("siteCode", user.siteCode()).put("cityCodes", new JsonArray(user.cityCodes()))
        .put("csrf", csrfToken).put("expiresAt", clock.millis() + absolute.toMillis());
    return redis.call(c -> c.set(key(token), value.encode(), SetArgs.Builder.px(idle.toMillis()))).map(token);
  }

  public Future<Optional<Session>> find(String token) {
    if (token == null || token.isEmpty() || token.length() > 100) {
      return Future.succeededFuture(Optional.empty());
    }
    String key = key(token);
    return redis.call(c -> c.get(key)).compose(raw -> {
      if (raw == null) {
        return Future.succeededFuture(Optional.<Session>empty());
      }
      JsonObject v = new JsonObject(raw);
      if (clock.millis() >= v.getLong("expiresAt")) {
        return redis.call(c -> c.del(key)).map(n -> Optional.<Session>empty());
      }
      StaffUser user = new StaffUser(v.getLong("id"), v.getString("username"), v.getString("role"),
          v.getString("siteCode"), v.getJsonArray("cityCodes").stream().map(Object::toString).toList());
      return redis.call(c -> c.pexpire(key, idle.toMillis()))
          .map(ok -> Optional.of(new Session(user, v.getString("csrf"))));
    });
  }

  public Future<Void> close(String token) {
    return redis.call(c -> c.del(key(token))).mapEmpty();
  }

  public static String randomToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static String key(String token) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
      return "staff:session:" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
