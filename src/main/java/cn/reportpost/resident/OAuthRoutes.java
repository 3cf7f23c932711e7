package cn.reportpost.resident;

import cn.reportpost.api.ProblemException;
import cn.reportpost.redis.Redis;
import cn.reportpost.http.SessionStore;
import io.lettuce.core.SetArgs;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Resident sign-in through the official account's OAuth2 (snsapi_base: no consent page, just the
 * openid). The state is single-use and remembers where to go back to.
 */
public final class OAuthRoutes {

  private static final long STATE_TTL_SECONDS = 600;

  private final OAuthClient oauth;
  private final ResidentRepository residents;
  private final ResidentAuth auth;
  private final Redis redis;
  private final String callbackUrl;
  private final String mpAppId;

  public OAuthRoutes(OAuthClient oauth, ResidentRepository residents, ResidentAuth auth, Redis redis,
      String publicBaseUrl, String mpAppId) {
    this.oauth = oauth;
    this.residents = residents;
    this.auth = auth;
    this.redis = redis;
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
    String state = SessionStore.randomToken().substring(0, 32);
    redis.call(c -> c.set("oauth:state:" + state, next, SetArgs.Builder.ex(STATE_TTL_SECONDS)))
        .onSuccess(ok -> ctx.redirect(oauth.authorizeUrl(callbackUrl, state)))
        .onFailure(ctx::fail);
  }

  private void callback(RoutingContext ctx) {
    String code = ctx.request().getParam("code");
    String state = ctx.request().getParam("state");
    if (code == null || code.isBlank() || code.length() > 128) {
      throw ProblemException.invalid("code", "WeChat did not hand back a sign-in code; open the page again");
    }
    if (state == null || state.isBlank() || state.length() > 64) {
      throw ProblemException.invalid("state", "is missing; open the page again");
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
}
