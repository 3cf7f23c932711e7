package cn.reportpost.resident;

import cn.reportpost.api.ProblemException;
import cn.reportpost.http.ClientAddress;
import cn.reportpost.http.RateLimiter;
import cn.reportpost.redis.Redis;
import cn.reportpost.http.SessionStore;
import io.lettuce.core.SetArgs;
import io.vertx.core.Future;
import io.vertx.core.http.Cookie;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

/**
 * Resident sign-in through the official account's OAuth2 (snsapi_base: no consent page, just the
 * openid). The state is single-use and remembers where to go back to.
 *
 * <p>The state is bound to the browser that asked for it: the start sets a short-lived cookie
 * holding a random value and the state is a hash of that value, so the callback accepts it only
 * from that browser. Otherwise someone could start a sign-in, stop at WeChat's redirect and hand
 * the link to a victim, whose browser would then be signed in as them (and whose order, with its
 * ID number, would land in their account).
 */
public final class OAuthRoutes {

  static final String BROWSER_COOKIE = "rp_oauth";
  private static final String COOKIE_PATH = "/wx/oauth";
  private static final long STATE_TTL_SECONDS = 600;

  private final OAuthClient oauth;
  private final ResidentRepository residents;
  private final ResidentAuth auth;
  private final Redis redis;
  private final RateLimiter limiter;
  private final RateLimiter.Limit startsPerAddress;
  private final String callbackUrl;
  private final String mpAppId;

  public OAuthRoutes(OAuthClient oauth, ResidentRepository residents, ResidentAuth auth, Redis redis,
      RateLimiter limiter, int startsPerAddressPerMinute, String publicBaseUrl, String mpAppId) {
    this.oauth = oauth;
    this.residents = residents;
    this.auth = auth;
    this.redis = redis;
    this.limiter = limiter;
    this.startsPerAddress = new RateLimiter.Limit("oauth-start-ip", startsPerAddressPerMinute, Duration.ofMinutes(1));
    this.callbackUrl = publicBaseUrl + "/wx/oauth/callback";
    this.mpAppId = mpAppId;
  }

  public void mount(Router router) {
    router.get("/wx/oauth/start").handler(this::start);
    router.get("/wx/oauth/callback").handler(this::callback);
    router.get("/api/v1/me").handler(auth.require())
        .handler(ctx -> ctx.json(new JsonObject().put("openid", ResidentAuth.resident(ctx).openid())));
  }

  private void start(RoutingContext ctx) {
    String next = ctx.request().getParam("next", "/h5/order");
    if (!SafeRedirect.isSafe(next)) {
      throw ProblemException.invalid("next", "must be a path on this site, such as /h5/orders");
    }
    limiter.take(List.of(startsPerAddress), List.of(ClientAddress.network(ctx)), List.of("sign-ins from your network"))
        .compose(v -> {
          String browser = SessionStore.randomToken();
          String state = stateOf(browser);
          return redis.call(c -> c.set("oauth:state:" + state, next, SetArgs.Builder.ex(STATE_TTL_SECONDS))).map(ok -> {
            ctx.response().addCookie(auth.cookie(BROWSER_COOKIE, browser, COOKIE_PATH, STATE_TTL_SECONDS));
            return oauth.authorizeUrl(callbackUrl, state);
          });
        })
        .onSuccess(ctx::redirect).onFailure(ctx::fail);
  }

  private void callback(RoutingContext ctx) {
    String code = ctx.request().getParam("code");
    String state = ctx.request().getParam("state");
    Cookie browser = ctx.request().getCookie(BROWSER_COOKIE);
    // Single use, whatever happens next.
    ctx.response().addCookie(auth.cookie(BROWSER_COOKIE, "", COOKIE_PATH, 0));
    if (code == null || code.isBlank() || code.length() > 128) {
      throw ProblemException.invalid("code", "WeChat did not hand back a sign-in code; open the page again");
    }
    if (state == null || state.isBlank() || state.length() > 64) {
      throw ProblemException.invalid("state", "is missing; open the page again");
    }
    if (browser == null || !MessageDigest.isEqual(stateOf(browser.getValue()).getBytes(StandardCharsets.UTF_8),
        state.getBytes(StandardCharsets.UTF_8))) {
      throw ProblemException.invalid("state", "belongs to a sign-in started in another browser; open the page again");
    }
    redis.call(c -> c.getdel("oauth:state:" + state)).compose(next -> {
      if (next == null) {
        return Future.failedFuture(ProblemException.invalid("state", "is unknown or was already used; open the page again"));
      }
      return oauth.openid(code).compose(openid -> residents.idForMpOpenid(openid)
          .compose(id -> auth.open(new Resident(id, openid, Resident.Channel.MP, mpAppId))))
          .map(token -> {
            ctx.response().addCookie(auth.cookie(token));
            return next;
          });
    }).onSuccess(ctx::redirect).onFailure(ctx::fail);
  }

  /**
   * The state WeChat carries for a browser holding {@code browser}: 32 hex digits (WeChat allows
   * only letters and digits), from which the cookie cannot be read back.
   */
  private static String stateOf(String browser) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(("oauth-state:" + browser).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
