package cn.reportpost.testing;

import cn.reportpost.App;
import cn.reportpost.config.Mode;
import cn.reportpost.dev.EmbeddedServers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The real server, started once per test run on embedded PostgreSQL and Redis (no fsync, a
 * throw-away data folder), exactly as dev mode starts it but on random ports.
 */
public final class TestApp {

  private static TestApp instance;

  private final Path dataDir;
  private final EmbeddedServers embedded;
  private final Map<String, String> env;
  private final App app;
  private final TestHttp http;

  private TestApp(Path dataDir, EmbeddedServers embedded, Map<String, String> env, App app) {
    this.dataDir = dataDir;
    this.embedded = embedded;
    this.env = env;
    this.app = app;
    this.http = new TestHttp("http://127.0.0.1:" + app.httpPort(), true);
  }

  /** The app of this test run, for static helpers that need a setting such as the appid. */
  public static TestApp shared() {
    return get();
  }

  static synchronized TestApp get() {
    if (instance == null) {
      instance = start();
    }
    return instance;
  }

  private static TestApp start() {
    try {
      Path dataDir = Files.createTempDirectory("reportpost-test");
      EmbeddedServers embedded = EmbeddedServers.start(dataDir, false);
      Map<String, String> env = new HashMap<>();
      env.put("HTTP_PORT", Integer.toString(freePort()));
      env.put("SANDBOX_PORT", Integer.toString(freePort()));
      env.put("DATA_DIR", dataDir.toString());
      // Every test request comes from 127.0.0.1: the per-address order limit would only measure the suite.
      env.put("ORDER_RATE_PER_IP", "1000000");
      env.put("JOB_INTERVAL_SECONDS", "2");
      env.put("ORDER_RECONCILE_AFTER_SECONDS", "1");
      // Short WeChat timeouts keep the fault tests fast.
      env.put("WX_CONNECT_TIMEOUT_MILLIS", "1000");
      env.put("WX_READ_TIMEOUT_MILLIS", "1500");
      App app = App.start(Mode.TEST, env, embedded);
      return new TestApp(dataDir, embedded, env, app);
    } catch (Exception e) {
      throw new IllegalStateException("the test server did not start", e);
    }
  }

  synchronized void close() {
    app.stop();
    embedded.close();
    instance = null;
    deleteTree(dataDir);
  }

  static void deleteTree(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // A leftover temporary folder is harmless.
    }
  }

  public App app() {
    return app;
  }

  public TestHttp http() {
    return http;
  }

  public Sandbox sandbox() {
    return new Sandbox("http://127.0.0.1:" + env.get("SANDBOX_PORT"));
  }

  public EmbeddedServers embedded() {
    return embedded;
  }

  /** The WeChat sandbox's controls and WeChat paths, over real HTTP. */
  public TestHttp sandboxHttp() {
    return new TestHttp("http://127.0.0.1:" + app.sandbox().port());
  }

  /** The environment the server was started with, for commands that must reach the same servers. */
  public Map<String, String> env() {
    Map<String, String> copy = new HashMap<>(env);
    copy.put("PG_HOST", "127.0.0.1");
    copy.put("PG_PORT", Integer.toString(embedded.postgresPort()));
    copy.put("PG_DATABASE", "postgres");
    copy.put("PG_USER", "postgres");
    copy.put("REDIS_URI", "redis://127.0.0.1:" + embedded.redisPort());
    return copy;
  }

  public Path dataDir() {
    return dataDir;
  }

  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
