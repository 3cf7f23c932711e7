package cn.reportpost.resident;

import cn.reportpost.config.AppConfig;
import cn.reportpost.config.Mode;
import cn.reportpost.http.Module;
import cn.reportpost.http.RateLimiter;
import cn.reportpost.http.SessionStore;
import cn.reportpost.redis.Redis;
import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Pool;

import java.time.Clock;
import java.time.Duration;

/** Residents: who they are (official-account OAuth) and their sessions. */
public final class ResidentModule implements Module {

  private final ResidentRepository repository;
  private final ResidentAuth auth;
  private final OAuthClient oauth;
  private final Redis redis;
  private final String publicBaseUrl;
  private final String mpAppId;
  private final RateLimiter limiter;
  private final int oauthStartsPerIpPerMinute;

  public ResidentModule(Pool pool, Redis redis, Clock clock, AppConfig config, OAuthClient oauth, RateLimiter limiter) {
    this.repository = new ResidentRepository(pool);
    this.auth = new ResidentAuth(new SessionStore(redis, clock, "resident", Duration.ofDays(7), Duration.ofDays(30)),
        config.mode() == Mode.PRODUCTION, config.string("http.publicBaseUrl"));
    this.limiter = limiter;
    this.oauthStartsPerIpPerMinute = config.integer("residents.oauthStartsPerIpPerMinute");
    this.oauth = oauth;
    this.redis = redis;
    this.publicBaseUrl = config.string("http.publicBaseUrl");
    this.mpAppId = config.string("wechat.mp.appId");
  }

  public ResidentAuth auth() {
    return auth;
  }

  public Residents residents() {
    return repository;
  }

  ResidentRepository repository() {
    return repository;
  }

  @Override
  public void mount(Router router) {
    new OAuthRoutes(oauth, repository, auth, redis, limiter, oauthStartsPerIpPerMinute, publicBaseUrl, mpAppId)
        .mount(router);
  }
}
