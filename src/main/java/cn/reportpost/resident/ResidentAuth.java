package cn.reportpost.resident;

import cn.reportpost.api.ProblemException;
import cn.reportpost.http.RequestRules;
import cn.reportpost.http.SessionStore;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.Optional;

/**
 * Resident sessions: an HttpOnly cookie for pages inside WeChat's browser, or
 * {@code Authorization: Bearer} for the mini-program, both naming the same kind of Redis session.
 * SameSite=Lax lets the cookie ride WeChat's OAuth redirect back to us yet not cross-site posts.
 */
public final class ResidentAuth {

  public static final String COOKIE = "rp_session";
  private static final String KEY = "resident";

  private final SessionStore store;
  private final boolean secureCookies;
  private final Handler<RoutingContext> sameOriginJson;

  public ResidentAuth(SessionStore store, boolean secureCookies, String publicBaseUrl) {
    this.store = store;
    this.secureCookies = secureCookies;
    this.sameOriginJson = RequestRules.sameOriginJson(publicBaseUrl);
  }

  /** Lets the request through only with a live resident session. */
  public Handler<RoutingContext> require() {
    return ctx -> find(ctx).onSuccess(found -> {
      if (found.isEmpty()) {
        ctx.fail(new ProblemException(401, "Unauthorized", "open this page from WeChat to sign in"));
        return;
      }
      ctx.put(KEY, found.get());
      ctx.next();
    }).onFailure(ctx::fail);
  }

  /**
   * For a resident's state change, after {@link #require()}: JSON only, and from our own pages
   * when a browser says where it comes from ({@link RequestRules#sameOriginJson}).
   */
  public Handler<RoutingContext> sameOriginJson() {
    return sameOriginJson;
  }

  public static Resident resident(RoutingContext ctx) {
    Resident resident = ctx.get(KEY);
    if (resident == null) {
      throw new IllegalStateException("route is missing ResidentAuth.require()");
    }
    return resident;
  }

  /** Opens a session and answers its token. */
  public Future<String> open(Resident resident) {
    return store.open(new JsonObject().put("id", resident.id()).put("openid", resident.openid())
        .put("channel", resident.channel().name()).put("appId", resident.appId()));
  }

  public Cookie cookie(String token) {
    return cookie(COOKIE, token, "/", store.absolute().toSeconds());
  }

  /** A cookie of the resident's browser: HttpOnly, SameSite=Lax (it must ride WeChat's redirect back), Secure in production. */
  Cookie cookie(String name, String value, String path, long maxAgeSeconds) {
    return Cookie.cookie(name, value).setPath(path).setHttpOnly(true).setSecure(secureCookies)
        .setSameSite(CookieSameSite.LAX).setMaxAge(maxAgeSeconds);
  }

  private Future<Optional<Resident>> find(RoutingContext ctx) {
    String token = null;
    String authorization = ctx.request().getHeader("Authorization");
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      token = authorization.substring(7).trim();
    } else {
      Cookie cookie = ctx.request().getCookie(COOKIE);
      token = cookie == null ? null : cookie.getValue();
    }
    return store.find(token).map(found -> found.map(v -> new Resident(v.getLong("id"), v.getString("openid"),
        Resident.Channel.valueOf(v.getString("channel")), v.getString("appId"))));
  }
}
