package cn.reportpost.sandbox;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One app's access tokens (the official account's or the mini-program's) as WeChat hands them out: a new one invalidates the
 * previous after a five-minute overlap; wrong credentials get an error code, never a token.
 */
final class MpTokens {

  static final int LIFETIME_SECONDS = 7200;
  private static final long OVERLAP_MILLIS = 300_000;

  private final String appId;
  private final String secret;
  private final Map<String, Long> expiry = new ConcurrentHashMap<>();
  private final AtomicInteger issued = new AtomicInteger();
  private volatile String current;

  MpTokens(String appId, String secret) {
    this.appId = appId;
    this.secret = secret;
  }

  /** WeChat's error for these credentials, or null when they are right. */
  JsonObject credentialError(String appId, String secret) {
    if (!this.appId.equals(appId)) {
      return error(40013, "invalid appid");
    }
    if (!this.secret.equals(secret)) {
      return error(40125, "invalid appsecret");
    }
    return null;
  }

  /** cgi-bin/token: always a new token. */
  synchronized JsonObject issue() {
    long now = System.currentTimeMillis();
    expiry.replaceAll((token, until) -> Math.min(until, now + OVERLAP_MILLIS));
    current = SandboxCrypto.random(96);
    expiry.put(current, now + LIFETIME_SECONDS * 1000L);
    issued.incrementAndGet();
    return answer(current);
  }

  /** stable_token: the same token while it has more than five minutes left, unless forced. */
  synchronized JsonObject stable(boolean forceRefresh) {
    Long until = current == null ? null : expiry.get(current);
    if (!forceRefresh && until != null && until - System.currentTimeMillis() > OVERLAP_MILLIS) {
      return answer(current);
    }
    return issue();
  }

  private JsonObject answer(String token) {
    long left = (expiry.get(token) - System.currentTimeMillis()) / 1000;
    return new JsonObject().put("access_token", token).put("expires_in", left);
  }

  /** WeChat's answer to a call with this token: null when valid, else 41001 or 40001. */
  JsonObject tokenError(String token) {
    if (token == null || token.isBlank()) {
      return error(41001, "access_token missing");
    }
    Long until = expiry.get(token);
    if (until == null || until < System.currentTimeMillis()) {
      return error(40001, "invalid credential, access_token is invalid or not latest");
    }
    return null;
  }

  /** Route handler: a request with a valid access_token goes on; any other gets WeChat's error. */
  void require(RoutingContext ctx) {
    JsonObject error = tokenError(ctx.queryParams().get("access_token"));
    if (error == null) {
      ctx.next();
    } else {
      ctx.response().putHeader("Content-Type", "application/json; charset=utf-8").end(error.encode());
    }
  }

  /** Invalidates every token at once, as when another party refreshed long ago. */
  synchronized void revokeAll() {
    expiry.clear();
    current = null;
  }

  int issued() {
    return issued.get();
  }

  static JsonObject error(int code, String message) {
    return new JsonObject().put("errcode", code).put("errmsg", message);
  }
}
