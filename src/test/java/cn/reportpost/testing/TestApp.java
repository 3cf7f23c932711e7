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
  /** A second server whose official account runs in plain mode, started by the tests that need one. */
  private static TestApp plainMode;

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
      instance = start(Map.of());
    }
    return instance;
  }

  /**
   * A server whose official account has no EncodingAESKey, so its callbacks come in plain mode
   * (the shared one runs in safe mode). It has its own PostgreSQL and Redis: its background jobs
   * talk to its own sandbox and must not touch the shared server's orders. Stopped with the shared one.
   */
  public static synchronized TestApp plainMode() {
    get();
    if (plainMode == null) {
      plainMode = start(Map.of("DEV_SANDBOX_SAFE_MODE", "false"));
      // Its first callback settles what a new server does once (the shared one did it before its
      // first tests), before a test counts blocked event loops.
      plainMode.sandbox().http().postJson("/sandbox/mp/messages", new io.vertx.core.json.JsonObject()
          .put("openid", "oWarmUp").put("msgType", "text").put("content", "帮助"));
    }
    return plainMode;
  }

  private static TestApp start(Map<String, String> extraEnv) {
    try {
      Path dataDir = Files.createTempDirectory("reportpost-test");
      EmbeddedServers embedded = EmbeddedServers.start(dataDir, false);
      Map<String, String> env = new HashMap<>(extraEnv);
      env.put("HTTP_PORT", Integer.toString(freePort()));
      env.put("SANDBOX_PORT", Integer.toString(freePort()));
      env.put("DATA_DIR", dataDir.toString());
      // Every test request comes from 127.0.0.1: the per-address order limit would only measure the suite.
      env.put("ORDER_RATE_PER_IP", "1000000");
      // Likewise for residents' sign-ins; OAuthStartLimitTest reaches the limit from an address of its own.
      env.put("OAUTH_START_RATE_PER_IP", "600");
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

  /** Stops the shared server, and the plain-mode one if a test started it. */
  static synchronized void closeAll() {
    for (TestApp app : new TestApp[] {plainMode, instance}) {
      if (app != null) {
        app.app.stop();
        app.embedded.close();
        deleteTree(app.dataDir);
      }
    }
    plainMode = null;
    instance = null;
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
