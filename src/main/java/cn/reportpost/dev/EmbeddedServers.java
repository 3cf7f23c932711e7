package cn.reportpost.dev;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import redis.embedded.Redis;
import redis.embedded.RedisInstance;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Real PostgreSQL and Redis servers for dev mode and tests, keeping their data under one folder so
 * a restart finds what was there. Tests ask for a throw-away folder and no fsync.
 */
public final class EmbeddedServers implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedServers.class);

  /** How long the JVM's shutdown waits for the product to stop before it stops the servers anyway. */
  private static final long RELEASE_WAIT_SECONDS = 60;

  private final EmbeddedPostgres postgres;
  private final Path redisDir;
  private final int redisPort;
  /** Counted down by {@link #close()}: until then, a JVM shutdown leaves the servers running for the product to drain. */
  private final CountDownLatch released = new CountDownLatch(1);
  private OwnedRedis redis;

  private EmbeddedServers(EmbeddedPostgres postgres, Path redisDir, int redisPort) {
    this.postgres = postgres;
    this.redisDir = redisDir;
    this.redisPort = redisPort;
    // The libraries' own hooks would stop both servers at the same moment as the product's, and
    // requests still in flight would fail; this one waits for the product to let them go.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      awaitRelease();
      close();
    }, "embedded-servers-shutdown"));
  }

  private void awaitRelease() {
    try {
      if (!released.await(RELEASE_WAIT_SECONDS, TimeUnit.SECONDS)) {
        log.warn("the product did not stop within {} s; stopping the embedded servers anyway", RELEASE_WAIT_SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Redis that stops only once the product has let it go: embedded-redis registers a JVM shutdown
   * hook of its own that calls stop(), and it must not win the race with the product's drain.
   */
  private final class OwnedRedis extends RedisInstance {

    OwnedRedis(List<String> args) {
      super(redisPort, args, Redis.SERVER_READY_PATTERN, false, null, null);
    }

    @Override
    public void stop() throws IOException {
      awaitRelease();
      super.stop();
    }

    void superStop() throws IOException {
      super.stop();
    }
  }

  public static EmbeddedServers start(Path dataDir, boolean durable) {
    try {
      Path pgDir = dataDir.resolve("postgres");
      Path redisDir = dataDir.resolve("redis");
      Files.createDirectories(pgDir);
      Files.createDirectories(redisDir);
      long t0 = System.nanoTime();
      EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
          .setDataDirectory(pgDir)
          .setCleanDataDirectory(false)
          .setPort(freePort())
          .setServerConfig("max_connections", "200")
          .setServerConfig("shared_buffers", "128MB")
          .setRegisterShutdownHook(false);
      if (!durable) {
        builder.setServerConfig("fsync", "off")
            .setServerConfig("synchronous_commit", "off")
            .setServerConfig("full_page_writes", "off");
      }
      EmbeddedPostgres postgres = builder.start();
      log.info("embedded PostgreSQL on port {} ({} ms), data in {}", postgres.getPort(),
          (System.nanoTime() - t0) / 1_000_000, pgDir.toAbsolutePath());
      EmbeddedServers servers = new EmbeddedServers(postgres, redisDir, freePort());
      servers.startRedis();
      return servers;
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the embedded servers", e);
    }
  }

  /** Starts (or restarts, on the same port) the Redis server. */
  public synchronized void startRedis() throws IOException {
    if (redis != null && redis.isActive()) {
      return;
    }
    redis = new OwnedRedis(RedisServer.newRedisServer()
        .port(redisPort)
        .bind("127.0.0.1")
        .setting("dir " + redisDir.toAbsolutePath())
        .setting("appendonly yes")
        .setting("save 60 1")
        .setting("maxmemory 256mb")
        .buildCommandArgs());
    redis.start();
    log.info("embedded Redis on port {}, data in {}", redisPort, redisDir.toAbsolutePath());
  }

  /** Stops Redis now (a drill of a Redis outage); {@link #startRedis()} brings it back on the same port. */
  public synchronized void stopRedis() throws IOException {
    if (redis != null && redis.isActive()) {
      redis.superStop();
    }
  }

  public int postgresPort() {
    return postgres.getPort();
  }

  public int redisPort() {
    return redisPort;
  }

  /** Lets the servers go and stops them; safe to call more than once. */
  @Override
  public void close() {
    released.countDown();
    try {
      stopRedis();
    } catch (IOException e) {
      log.warn("embedded Redis did not stop cleanly", e);
    }
    try {
      postgres.close();
    } catch (IOException e) {
      log.warn("embedded PostgreSQL did not stop cleanly", e);
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }
}
