package cn.reportpost.redis;

import cn.reportpost.config.AppConfig;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * The one shared, thread-safe Lettuce connection. Commands fail fast while Redis is unreachable
 * (rather than queueing without bound) and the connection comes back by itself.
 */
public final class Redis implements AutoCloseable {

  private final Vertx vertx;
  private final ClientResources resources;
  private final RedisClient client;
  private final StatefulRedisConnection<String, String> connection;

  private Redis(Vertx vertx, ClientResources resources, RedisClient client,
      StatefulRedisConnection<String, String> connection) {
    this.vertx = vertx;
    this.resources = resources;
    this.client = client;
    this.connection = connection;
  }

  /** Blocking: connects once at start. */
  public static Redis connect(Vertx vertx, AppConfig config) {
    Duration timeout = Duration.ofMillis(config.integer("redis.commandTimeoutMillis"));
    ClientResources resources = ClientResources.builder()
        .ioThreadPoolSize(2).computationThreadPoolSize(2)
        .reconnectDelay(Delay.exponential(Duration.ofMillis(50), Duration.ofSeconds(2), 2, java.util.concurrent.TimeUnit.MILLISECONDS))
        .build();
    RedisClient client = RedisClient.create(resources, RedisURI.create(config.string("redis.uri")));
    client.setOptions(ClientOptions.builder()
        .autoReconnect(true)
        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
        .timeoutOptions(TimeoutOptions.enabled(timeout))
        .build());
    StatefulRedisConnection<String, String> connection = client.connect();
    connection.setTimeout(timeout);
    return new Redis(vertx, resources, client, connection);
  }

  public RedisAsyncCommands<String, String> async() {
    return connection.async();
  }

  /** Runs one command and completes on the caller's Vert.x context. */
  public <T> Future<T> call(Function<RedisAsyncCommands<String, String>, CompletionStage<T>> command) {
    CompletionStage<T> stage;
    try {
      stage = command.apply(connection.async());
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    return Future.fromCompletionStage(stage, vertx.getOrCreateContext());
  }

  /**
   * Runs a Lua script by its SHA-1 (EVALSHA), loading it with EVAL only when Redis does not have it
   * (after a restart, say): the script's text then crosses the wire and is hashed by Redis once,
   * not on every call of a hot path such as every callback or order.
   */
  public <T> Future<T> script(String lua, ScriptOutputType type, String[] keys, String... args) {
    String sha = SCRIPT_SHAS.computeIfAbsent(lua, Redis::sha1);
    return this.<T>call(c -> c.evalsha(sha, type, keys, args)).recover(e -> isNoScript(e)
        ? call(c -> c.eval(lua, type, keys, args)) : Future.failedFuture(e));
  }

  private static final java.util.Map<String, String> SCRIPT_SHAS = new java.util.concurrent.ConcurrentHashMap<>();

  private static boolean isNoScript(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t.getMessage() != null && t.getMessage().startsWith("NOSCRIPT")) {
        return true;
      }
    }
    return false;
  }

  private static String sha1(String lua) {
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-1")
          .digest(lua.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-1", e);
    }
  }

  public Future<String> ping() {
    return call(RedisAsyncCommands::ping);
  }

  @Override
  public void close() {
    connection.close();
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    resources.shutdown(0, 2, java.util.concurrent.TimeUnit.SECONDS);
  }
}
