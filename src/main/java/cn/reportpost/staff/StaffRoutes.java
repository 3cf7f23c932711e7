package cn.reportpost.staff;

import cn.reportpost.api.FieldError;
import cn.reportpost.api.ProblemException;
import cn.reportpost.http.ClientAddress;
import cn.reportpost.http.JsonBody;
import cn.reportpost.http.RequestRules;
import cn.reportpost.http.SessionStore;
import io.vertx.core.Future;
import io.vertx.core.http.Cookie;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Staff sign-in, sign-out and "who am I". */
public final class StaffRoutes {

  private final StaffRepository repository;
  private final StaffAuth auth;
  private final LoginThrottle throttle;
  private final PasswordHashPool hashing;

  public StaffRoutes(StaffRepository repository, StaffAuth auth, LoginThrottle throttle, PasswordHashPool hashing) {
    this.repository = repository;
    this.auth = auth;
    this.throttle = throttle;
    this.hashing = hashing;
  }

  public void mount(Router router) {
    router.post("/api/v1/staff/session").handler(RequestRules.json()).handler(this::login);
    router.delete("/api/v1/staff/session").handler(auth.require()).handler(this::logout);
    // The CSRF token too: a page opened later (a new tab, a reload) needs it, and only this origin can read the answer.
    router.get("/api/v1/staff/me").handler(auth.require()).handler(ctx -> {
      StaffSessions.Session session = StaffAuth.session(ctx);
      ctx.response().putHeader("Cache-Control", "no-store");
      ctx.json(describe(session.user()).put("csrfToken", session.csrfToken()));
    });
  }

  private void login(RoutingContext ctx) {
    JsonObject body = JsonBody.object(ctx);
    List<FieldError> errors = new ArrayList<>();
    String username = requiredString(body, "username", 64, errors);
    String password = requiredString(body, "password", 256, errors);
    if (!errors.isEmpty()) {
      throw ProblemException.invalid(errors);
    }
    String user = username.trim().toLowerCase();
    String address = ClientAddress.network(ctx);
    throttle.attempt(user, address)
        .compose(counted -> check(user, password)
            .recover(e -> throttle.released(user, address).transform(v -> Future.failedFuture(e))))
        .compose(staff -> staff.isPresent() ? signIn(ctx, staff.get(), user, address)
            : throttle.failed(user, address).compose(v -> Future.failedFuture(
                new ProblemException(401, "Sign-in failed", "wrong username or password"))))
        .onSuccess(ctx::json).onFailure(ctx::fail);
  }

  /** The user when the password is theirs; empty for a wrong password or an unknown username alike. */
  private Future<Optional<StaffUser>> check(String user, String password) {
    return repository.credentials(user).compose(found -> hashing
        .verify(password, found.map(StaffRepository.Credentials::passwordHash))
        .map(ok -> ok ? found.map(StaffRepository.Credentials::user) : Optional.<StaffUser>empty()));
  }

  private Future<JsonObject> signIn(RoutingContext ctx, StaffUser staff, String user, String address) {
    String csrf = SessionStore.randomToken();
    return throttle.succeeded(user, address).compose(v -> auth.sessions().open(staff, csrf)).map(token -> {
      ctx.response().addCookie(auth.cookie(token, auth.sessions().maxAgeSeconds()));
      return describe(staff).put("csrfToken", csrf);
    });
  }

  private void logout(RoutingContext ctx) {
    Cookie cookie = ctx.request().getCookie(StaffAuth.COOKIE);
    auth.sessions().close(cookie.getValue()).onSuccess(v -> {
      ctx.response().addCookie(auth.cookie("", 0));
      ctx.response().setStatusCode(204).end();
    }).onFailure(ctx::fail);
  }

  static JsonObject describe(StaffUser user) {
    JsonObject me = new JsonObject().put("username", user.username()).put("role", user.role());
    if (user.siteCode() != null) {
      me.put("siteCode", user.siteCode());
    }
    if (!user.cityCodes().isEmpty()) {
      me.put("cityCodes", new JsonArray(user.cityCodes()));
    }
    return me;
  }

  private static String requiredString(JsonObject body, String field, int max, List<FieldError> errors) {
    Object value = body.getValue(field);
    if (value == null) {
      errors.add(new FieldError(field, "is required"));
      return null;
    }
    if (!(value instanceof String s) || s.isBlank()) {
      errors.add(new FieldError(field, "must be a non-empty string"));
      return null;
    }
    if (s.length() > max) {
      errors.add(new FieldError(field, "must be at most " + max + " characters"));
      return null;
    }
    return s;
  }
}
