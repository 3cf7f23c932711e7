package cn.reportpost.dev;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
  private final Path pgDir;
  private final Path redisDir;
  private final int redisPort;
  /** Counted down by {@link #close()}: until then, a JVM shutdown leaves the servers running for the product to drain. */
  private final CountDownLatch released = new CountDownLatch(1);
  /** Set by a product that owns these servers (dev mode): only then does a JVM shutdown wait for it. */
  private volatile boolean held;
  private OwnedRedis redis;

  private EmbeddedServers(EmbeddedPostgres postgres, Path pgDir, Path redisDir, int redisPort) {
    this.postgres = postgres;
    this.pgDir = pgDir;
    this.redisDir = redisDir;
    this.redisPort = redisPort;
    // The libraries' own hooks would stop both servers at the same moment as the product's, and
    // requests still in flight would fail; this one waits for the product to let them go.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      awaitRelease();
      close();
    }, "embedded-servers-shutdown"));
  }

  /**
   * The product that runs on these servers stops them itself, after its drain ({@link #close()}):
   * until then a JVM shutdown leaves them running. Servers nobody holds (a test's) stop at once.
   */
  public void holdUntilClosed() {
    held = true;
  }

  private void awaitRelease() {
    if (!held) {
      return;
    }
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
      EmbeddedServers servers = new EmbeddedServers(postgres, pgDir, redisDir, freePort());
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

  /**
   * Stops PostgreSQL now, as a crash or a restart would: a fast shutdown ends every session (a
   * drill of a database outage). {@link #startPostgres()} brings it back on the same port and data.
   */
  public synchronized void stopPostgres() throws IOException {
    // SIGINT is PostgreSQL's fast shutdown, what pg_ctl stop -m fast sends.
    long pid = Long.parseLong(Files.readAllLines(pgDir.resolve("postmaster.pid")).get(0).strip());
    Process kill = new ProcessBuilder("kill", "-INT", Long.toString(pid)).redirectErrorStream(true).start();
    String output = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (waitFor(kill) != 0) {
      throw new IOException("could not signal PostgreSQL (pid " + pid + "): " + output.strip());
    }
    long deadline = System.currentTimeMillis() + 30_000;
    while (Files.exists(pgDir.resolve("postmaster.pid")) || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
      if (System.currentTimeMillis() > deadline) {
        throw new IOException("PostgreSQL (pid " + pid + ") did not stop within 30 s");
      }
      pause(50);
    }
    log.info("embedded PostgreSQL stopped (fast shutdown)");
  }

  /**
   * Starts PostgreSQL again after {@link #stopPostgres()} with the command line it last ran with
   * (kept by the server in postmaster.opts), as a child of this process the way the library first
   * started it, and waits until it takes connections.
   */
  public synchronized void startPostgres() throws IOException {
    List<String> command = new ArrayList<>();
    if (LinuxUtils.isUnshareAvailable()) {
      // As the library starts it: PostgreSQL refuses to run as root, and unshare -U maps root away.
      command.addAll(List.of("unshare", "-U"));
    }
    command.addAll(postmasterCommand());
    new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(pgDir.resolveSibling("postgres-restarted.log").toFile())).start();
    long deadline = System.currentTimeMillis() + 60_000;
    String url = "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres?connectTimeout=2";
    while (true) {
      try (var connection = DriverManager.getConnection(url, "postgres", "")) {
        log.info("embedded PostgreSQL started again on port {}", postgres.getPort());
        return;
      } catch (SQLException e) {
        if (System.currentTimeMillis() > deadline) {
          throw new IOException("PostgreSQL did not take connections within 60 s of its start", e);
        }
      }
      pause(50);
    }
  }

  private static void pause(long millis) throws IOException {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for PostgreSQL", e);
    }
  }

  /** The server's last command line, from postmaster.opts: the binary, then each argument in double quotes. */
  private List<String> postmasterCommand() throws IOException {
    String opts = Files.readString(pgDir.resolve("postmaster.opts")).strip();
    List<String> command = new ArrayList<>(List.of(opts.substring(0, opts.indexOf(' '))));
    Matcher quoted = Pattern.compile("\"([^\"]*)\"").matcher(opts);
    while (quoted.find()) {
      command.add(quoted.group(1));
    }
    return command;
  }

  private static int waitFor(Process process) throws IOException {
    try {
      return process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for " + process.info().command().orElse("a process"), e);
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
