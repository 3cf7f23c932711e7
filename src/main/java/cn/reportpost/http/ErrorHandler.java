package cn.reportpost.http;

import cn.reportpost.api.ProblemException;
import cn.reportpost.api.UpstreamFailure;
import io.vertx.core.Handler;
import io.vertx.core.json.DecodeException;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place failures become answers. Known problems are written as they are; PostgreSQL or
 * Redis out of reach is a 503 and WeChat failing a 502, both with Retry-After; anything else is a
 * 500 whose body carries the request id and no stack trace, while the log carries both.
 */
public final class ErrorHandler implements Handler<RoutingContext> {

  private static final Logger log = LoggerFactory.getLogger(ErrorHandler.class);
  /** WeChat's own advice on a system error is to retry the same request shortly. */
  private static final long WECHAT_RETRY_SECONDS = 5;
  /** A database or Redis failover, or a restart, takes seconds. */
  private static final long OUTAGE_RETRY_SECONDS = 5;

  @Override
  public void handle(RoutingContext ctx) {
    Problems.send(ctx, toProblem(ctx));
  }

  private ProblemException toProblem(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (failure instanceof ProblemException problem) {
      return problem;
    }
    if (failure instanceof DecodeException) {
      return new ProblemException(400, "Malformed JSON", "the request body is not valid JSON");
    }
    String unreachable = Outage.server(failure);
    if (unreachable != null) {
      log.warn("request {} {} {}: {} out of reach: {}", RequestIds.of(ctx), ctx.request().method(), ctx.request().path(),
          unreachable, failure.toString());
      return ProblemException.unavailable(
          unreachable + ", which this service needs, is out of reach just now; try again in a few seconds", OUTAGE_RETRY_SECONDS);
    }
    if (failure instanceof UpstreamFailure upstream) {
      log.warn("request {} {} {}: {}", RequestIds.of(ctx), ctx.request().method(), ctx.request().path(), failure.getMessage());
      return upstream.outage()
          ? ProblemException.badGateway(upstream.upstream() + " did not answer (" + upstream.api()
              + "); try again in a few seconds", WECHAT_RETRY_SECONDS)
          : ProblemException.badGateway(upstream.upstream() + " refused the request (" + upstream.api() + ": "
              + upstream.code() + ")", 0);
    }
    int status = failure instanceof HttpException http ? http.getStatusCode() : ctx.statusCode();
    return switch (status) {
      case 400 -> new ProblemException(400, "Bad request", "the request could not be understood");
      case 401 -> new ProblemException(401, "Unauthorized", "sign in first");
      case 403 -> new ProblemException(403, "Forbidden", "not allowed");
      case 404 -> new ProblemException(404, "Not found", "no resource at " + ctx.request().path());
      case 405 -> new ProblemException(405, "Method not allowed",
          ctx.request().method() + " is not allowed on " + ctx.request().path());
      case 413 -> new ProblemException(413, "Payload too large", "the request body exceeds the configured limit");
      case 415 -> new ProblemException(415, "Unsupported media type",
          "send the body as application/json, not " + contentType(ctx));
      default -> {
        if (status > 0 && status < 500) {
          yield new ProblemException(status, "Request refused", "the request was refused");
        }
        log.error("request {} {} {} failed", RequestIds.of(ctx), ctx.request().method(), ctx.request().path(), failure);
        yield new ProblemException(500, "Internal error",
            "something went wrong on our side; quote request id " + RequestIds.of(ctx) + " when asking for help");
      }
    };
  }

  private static String contentType(RoutingContext ctx) {
    String type = ctx.request().getHeader("Content-Type");
    return type == null ? "no content type" : type;
  }
}
