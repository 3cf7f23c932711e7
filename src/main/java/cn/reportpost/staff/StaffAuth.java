package cn.reportpost.staff;

import cn.reportpost.api.ProblemException;
import cn.reportpost.audit.Actor;
import cn.reportpost.http.ClientAddress;
import io.vertx.core.Handler;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Guards staff routes: a live session, the CSRF token echoed on every state-changing request, and
 * one of the allowed roles. Put it before the business handler of each staff route.
 */
public final class StaffAuth {

  public static final String COOKIE = "rp_staff";
  public static final String CSRF_HEADER = "X-CSRF-Token";
  private static final String KEY = "staffSession";
  private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

  private final StaffSessions sessions;
  private final boolean secureCookies;

  public StaffAuth(StaffSessions sessions, boolean secureCookies) {
    this.sessions = sessions;
    this.secureCookies = secureCookies;
  }

  public StaffSessions sessions() {
    return sessions;
  }

  /** A handler that lets the request through only for a signed-in user with one of {@code roles} (any role when none). */
  public Handler<RoutingContext> require(String... roles) {
    return ctx -> {
      Cookie cookie = ctx.request().getCookie(COOKIE);
      sessions.find(cookie == null ? null : cookie.getValue()).onSuccess(found -> {
        if (found.isEmpty()) {
          ctx.fail(new ProblemException(401, "Unauthorized", "sign in as staff first"));
          return;
        }
        StaffSessions.Session session = found.get();
        if (!SAFE.contains(ctx.request().method()) && !csrfMatches(ctx.request().getHeader(CSRF_HEADER), session.csrfToken())) {
          ctx.fail(new ProblemException(403, "Forbidden", "missing or wrong " + CSRF_HEADER + " header"));
          return;
        }
        if (roles.length > 0 && !session.user().hasRole(roles)) {
          ctx.fail(new ProblemException(403, "Forbidden", "your role " + session.user().role() + " may not do this"));
          return;
        }
        ctx.put(KEY, session);
        ctx.next();
      }).onFailure(ctx::fail);
    };
  }

  public static StaffSessions.Session session(RoutingContext ctx) {
    StaffSessions.Session session = ctx.get(KEY);
    if (session == null) {
      throw new IllegalStateException("route is missing StaffAuth.require(...)");
    }
    return session;
  }

  /** The signed-in user of this request as the audit trail names them. */
  public static Actor actor(RoutingContext ctx) {
    StaffUser user = session(ctx).user();
    return new Actor(user.username(), user.role(), ClientAddress.of(ctx));
  }

  public Cookie cookie(String token, long maxAgeSeconds) {
    return Cookie.cookie(COOKIE, token).setPath("/").setHttpOnly(true).setSecure(secureCookies)
        .setSameSite(CookieSameSite.STRICT).setMaxAge(maxAgeSeconds);
  }

  private static boolean csrfMatches(String given, String expected) {
    return given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
  }
}
