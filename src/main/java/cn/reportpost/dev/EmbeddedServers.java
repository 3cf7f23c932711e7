package cn.reportpost.dev;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;

import java.io.IOException;
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

  private final EmbeddedPostgres postgres;
  private final Path redisDir;
  private final int redisPort;
  private RedisServer redis;

  private EmbeddedServers(EmbeddedPostgres postgres, Path redisDir, int redisPort) {
    this.postgres = postgres;
    this.redisDir = redisDir;
    this.redisPort = redisPort;
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
          .setServerConfig("shared_buffers", "128MB");
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
    redis = RedisServer.newRedisServer()
        .port(redisPort)
        .bind("127.0.0.1")
        .setting("dir " + redisDir.toAbsolutePath())
        .setting("appendonly yes")
        .setting("save 60 1")
        .setting("maxmemory 256mb")
        .build();
    redis.start();
    log.info("embedded Redis on port {}, data in {}", redisPort, redisDir.toAbsolutePath());
  }

  public synchronized void stopRedis() throws IOException {
    if (redis != null && redis.isActive()) {
      redis.stop();
    }
  }

  public int postgresPort() {
    return postgres.getPort();
  }

  public int redisPort() {
    return redisPort;
  }

  @Override
  public void close() {
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
