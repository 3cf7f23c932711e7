package cn.reportpost.http;

import io.vertx.ext.web.RoutingContext;

import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/** Every request gets an id: the caller's X-Request-Id when it is sane, otherwise a new one. */
public final class RequestIds {

  public static final String HEADER = "X-Request-Id";
  private static final String KEY = "requestId";
  private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._-]{8,64}");

  private RequestIds() {}

  public static String assign(RoutingContext ctx) {
    String given = ctx.request().getHeader(HEADER);
    String id = given != null && SANE.matcher(given).matches() ? given : generate();
    ctx.put(KEY, id);
    ctx.response().putHeader(HEADER, id);
    return id;
  }

  public static String of(RoutingContext ctx) {
    String id = ctx.get(KEY);
    return id != null ? id : assign(ctx);
  }

  private static String generate() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    return Long.toHexString(System.currentTimeMillis()) + "-" + Long.toHexString(r.nextLong() >>> 16);
  }
}
