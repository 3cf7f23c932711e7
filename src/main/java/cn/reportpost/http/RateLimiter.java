package cn.reportpost.http;

import cn.reportpost.redis.Redis;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Token-bucket limits shared by every instance, through Bucket4j on Redis (a well-kept library
 * rather than our own counters). A limit refused answers 429 with Retry-After.
 */
public final class RateLimiter {

  /** A named limit: at most {@code capacity} actions per {@code period}, refilled gradually. */
  public record Limit(String name, long capacity, Duration period) {
    BucketConfiguration configuration() {
      return BucketConfiguration.builder()
          .addLimit(l -> l.capacity(capacity).refillGreedy(capacity, period))
          .build();
    }
  }

  private final Vertx vertx;
  private final AsyncProxyManager<String> buckets;

  public RateLimiter(Vertx vertx, Redis redis) {
    this.vertx = vertx;
    this.buckets = Bucket4jLettuce.casBasedBuilder(redis.binary())
        .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
        .build()
        .asAsync();
  }

  /** Takes one token for {@code subject}, or fails with a 429 problem. */
  public Future<Void> take(Limit limit, String subject, String what) {
    var probe = buckets.builder().build("ratelimit:" + limit.name() + ":" + subject, limit.configuration())
        .tryConsumeAndReturnRemaining(1);
    return Future.fromCompletionStage(probe, vertx.getOrCreateContext()).compose(p -> {
      if (p.isConsumed()) {
        return Future.succeededFuture();
      }
      long seconds = TimeUnit.NANOSECONDS.toSeconds(p.getNanosToWaitForRefill()) + 1;
      return Future.failedFuture(ProblemException.tooManyRequests(
          "too many " + what + "; try again in " + seconds + " second(s)", seconds));
    });
  }
}
