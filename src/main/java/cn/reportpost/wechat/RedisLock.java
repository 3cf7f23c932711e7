package cn.reportpost.wechat;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.async.RedisAsyncCommands;

import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;

/**
 * A lock shared by every instance: SET key owner NX PX lease, released by a Lua compare-and-delete
 * so an instance whose lease ran out can never release the next holder's lock. WxJava takes and
 * releases it on the same worker thread, so the owner id lives in a ThreadLocal. Not reentrant.
 */
final class RedisLock implements Lock {

  private static final String RELEASE =
      "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";
  private static final long POLL_MILLIS = 50;

  private final RedisAsyncCommands<String, String> redis;
  private final String key;
  private final long leaseMillis;
  private final long commandTimeoutMillis;
  private final ThreadLocal<String> owner = new ThreadLocal<>();

  RedisLock(RedisAsyncCommands<String, String> redis, String key, long leaseMillis, long commandTimeoutMillis) {
    this.redis = redis;
    this.key = key;
    this.leaseMillis = leaseMillis;
    this.commandTimeoutMillis = commandTimeoutMillis;
  }

  @Override
  public boolean tryLock() {
    String id = UUID.randomUUID().toString();
    String reply = LettuceWxRedisOps.await(redis.set(key, id, SetArgs.Builder.nx().px(leaseMillis)), commandTimeoutMillis);
    if ("OK".equals(reply)) {
      owner.set(id);
      return true;
    }
    return false;
  }

  @Override
  public boolean tryLock(long time, TimeUnit unit) throws InterruptedException {
    long deadline = System.nanoTime() + unit.toNanos(time);
    while (true) {
      if (tryLock()) {
        return true;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      Thread.sleep(Math.min(POLL_MILLIS, TimeUnit.NANOSECONDS.toMillis(left) + 1));
    }
  }

  /** Waits at most one lease: after that the holder is gone or stuck, and failing beats hanging. */
  @Override
  public void lock() {
    try {
      if (!tryLock(leaseMillis, TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException("could not take the Redis lock " + key + " within " + leaseMillis + " ms");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the Redis lock " + key, e);
    }
  }

  @Override
  public void lockInterruptibly() throws InterruptedException {
    if (!tryLock(leaseMillis, TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException("could not take the Redis lock " + key + " within " + leaseMillis + " ms");
    }
  }

  @Override
  public void unlock() {
    String id = owner.get();
    if (id == null) {
      return;
    }
    owner.remove();
    LettuceWxRedisOps.await(redis.eval(RELEASE, ScriptOutputType.INTEGER, new String[] {key}, id), commandTimeoutMillis);
  }

  @Override
  public Condition newCondition() {
    throw new UnsupportedOperationException("a distributed lock has no conditions");
  }
}
