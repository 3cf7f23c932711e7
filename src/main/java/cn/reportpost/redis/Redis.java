package cn.reportpost.redis;

import cn.reportpost.config.AppConfig;
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
