package cn.reportpost.wechat;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.async.RedisAsyncCommands;
import me.chanjar.weixin.common.redis.BaseWxRedisOps;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Lock;

/**
 * WxJava's Redis SPI on the product's shared Lettuce connection (WxJava ships Jedis, Redisson and
 * Spring versions only). WxJava calls it from the WeChat worker threads, where waiting is allowed.
 */
final class LettuceWxRedisOps extends BaseWxRedisOps {

  /** How long the token lock is leased: longer than one token request can take. */
  private static final long LOCK_LEASE_MILLIS = 10_000;

  private final RedisAsyncCommands<String, String> redis;
  private final long timeoutMillis;

  LettuceWxRedisOps(RedisAsyncCommands<String, String> redis, long timeoutMillis) {
    this.redis = redis;
    this.timeoutMillis = timeoutMillis;
  }

  @Override
  public String getValue(String key) {
    return await(redis.get(key), timeoutMillis);
  }

  @Override
  public void setValue(String key, String value, int expire, TimeUnit unit) {
    if (expire <= 0) {
      await(redis.set(key, value), timeoutMillis);
    } else {
      await(redis.psetex(key, unit.toMillis(expire), value), timeoutMillis);
    }
  }

  /** Seconds left; Redis answers -2 for a missing key, which WxJava reads as expired. */
  @Override
  public Long getExpire(String key) {
    return await(redis.ttl(key), timeoutMillis);
  }

  @Override
  public void expire(String key, int expire, TimeUnit unit) {
    if (expire <= 0) {
      await(redis.del(key), timeoutMillis);
    } else {
      await(redis.pexpire(key, unit.toMillis(expire)), timeoutMillis);
    }
  }

  @Override
  public Lock getLock(String key) {
    return new RedisLock(redis, key, LOCK_LEASE_MILLIS, timeoutMillis);
  }

  static <T> T await(RedisFuture<T> future, long timeoutMillis) {
    try {
      return future.get(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for Redis", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("Redis command failed: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("Redis did not answer within " + timeoutMillis + " ms", e);
    }
  }
}
