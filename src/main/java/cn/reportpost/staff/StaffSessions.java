package cn.reportpost.staff;

import cn.reportpost.http.SessionStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.Optional;

/** Staff sessions: the signed-in user and the CSRF token their state-changing requests must echo. */
public final class StaffSessions {

  /** A live session: the user, and the token state-changing requests must echo in X-CSRF-Token. */
  public record Session(StaffUser user, String csrfToken) {}

  private final SessionStore store;

  public StaffSessions(SessionStore store) {
    this.store = store;
  }

  /** Opens a session and answers its token (for the cookie). */
  public Future<String> open(StaffUser user, String csrfToken) {
    return store.open(user.username(), new JsonObject()
        .put("id", user.id()).put("username", user.username()).put("role", user.role())
        .put("siteCode", user.siteCode()).put("cityCodes", new JsonArray(user.cityCodes()))
        .put("csrf", csrfToken));
  }

  public Future<Optional<Session>> find(String token) {
    return store.find(token).map(found -> found.map(v -> new Session(
        new StaffUser(v.getLong("id"), v.getString("username"), v.getString("role"), v.getString("siteCode"),
            v.getJsonArray("cityCodes").stream().map(Object::toString).toList()),
        v.getString("csrf"))));
  }

  public Future<Void> close(String token) {
    return store.close(token);
  }

  /** Ends every session of {@code username}, on every instance. */
  public Future<Void> closeAll(String username) {
    return store.closeAll(username);
  }

  public long maxAgeSeconds() {
    return store.absolute().toSeconds();
  }
}
