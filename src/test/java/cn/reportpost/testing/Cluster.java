package cn.reportpost.testing;

import cn.reportpost.App;
import cn.reportpost.config.Mode;
import cn.reportpost.dev.EmbeddedServers;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Product instances behind an imagined load balancer, on a PostgreSQL and a Redis of their own (a
 * drill stops and starts them without touching the suite's) and one WeChat sandbox. The first
 * instance starts as the tests start theirs, in test mode, and brings the sandbox; every other one
 * starts in production mode from nothing but a settings file holding the first one's settings
 * (CONFIG_FILE), so all are one merchant and one official account, read each other's encrypted
 * data, and the others take the path a real deployment takes.
 */
public final class Cluster implements AutoCloseable {

  private final Path dir;
  private final EmbeddedServers servers;
  private final List<App> apps = new ArrayList<>();
  private final List<TestHttp> http = new ArrayList<>();
  private Sandbox sandbox;

  private Cluster(Path dir, EmbeddedServers servers) {
    this.dir = dir;
    this.servers = servers;
  }

  /**
   * Starts {@code instances} instances. {@code settings} are YAML settings by dotted path (such as
   * "orders.jobIntervalSeconds") on top of the drill defaults below.
   */
  public static Cluster start(int instances, Map<String, Object> settings) throws Exception {
    Path dir = Files.createTempDirectory("reportpost-drill");
    Cluster cluster = new Cluster(dir, EmbeddedServers.start(dir, false));
    try {
      JsonObject config = new JsonObject();
      defaults().forEach((path, value) -> put(config, path, value));
      settings.forEach((path, value) -> put(config, path, value));
      Path first = write(dir.resolve("first.json"), config);
      int port = TestApp.freePort();
      App app = App.start(Mode.TEST, Map.of("HTTP_PORT", Integer.toString(port),
          "SANDBOX_PORT", Integer.toString(TestApp.freePort()), "DATA_DIR", dir.resolve("instance-0").toString(),
          "CONFIG_FILE", first.toString()), cluster.servers);
      cluster.add(app);
      for (int i = 1; i < instances; i++) {
        cluster.add(App.start(Mode.PRODUCTION, Map.of("CONFIG_FILE", cluster.productionSettings(app, i).toString()), null));
      }
      // What a cold start costs a loaded machine is not the drill's concern, as in the suite.
      BlockedThreadWatch.reset();
      return cluster;
    } catch (Exception | Error e) {
      cluster.close();
      throw e;
    }
  }

  /**
   * Fast jobs and retries, so that a drill sees recovery within seconds; no order rate limits (a
   * drill measures outages, not limits); WeChat's production read timeout.
   */
  private static Map<String, Object> defaults() {
    return Map.ofEntries(
        Map.entry("orders.jobIntervalSeconds", 2),
        Map.entry("orders.reconcileAfterSeconds", 2),
        Map.entry("orders.ratePerIpPerMinute", 1_000_000),
        Map.entry("orders.ratePerResidentPerMinute", 1_000_000),
        Map.entry("notifications.intervalSeconds", 1),
        Map.entry("notifications.firstBackoffSeconds", 1),
        Map.entry("http.shutdownGraceSeconds", 3),
        Map.entry("http.drainDelaySeconds", 0),
        Map.entry("wechat.http.connectTimeoutMillis", 1000),
        Map.entry("wechat.http.readTimeoutMillis", 5000));
  }

  /**
   * The first instance's settings (its WeChat credentials and secrets included) with an address
   * and data folder of the instance's own; PostgreSQL trusts local connections, but production
   * insists on a password being set.
   */
  private Path productionSettings(App first, int index) throws IOException {
    int port = TestApp.freePort();
    JsonObject config = first.services().config().json().copy();
    put(config, "http.port", port);
    put(config, "http.publicBaseUrl", "http://127.0.0.1:" + port);
    put(config, "dataDir", dir.resolve("instance-" + index).toString());
    put(config, "postgres.password", "trusted-locally");
    return write(dir.resolve("instance-" + index + ".json"), config);
  }

  private static Path write(Path file, JsonObject config) throws IOException {
    // JSON is YAML, which is what CONFIG_FILE holds.
    return Files.writeString(file, config.encodePrettily(), StandardCharsets.UTF_8);
  }

  private static void put(JsonObject root, String path, Object value) {
    String[] parts = path.split("\\.");
    JsonObject node = root;
    for (int i = 0; i < parts.length - 1; i++) {
      if (node.getJsonObject(parts[i]) == null) {
        node.put(parts[i], new JsonObject());
      }
      node = node.getJsonObject(parts[i]);
    }
    node.put(parts[parts.length - 1], value);
  }

  private void add(App app) {
    apps.add(app);
    http.add(new TestHttp("http://127.0.0.1:" + app.httpPort(), false));
  }

  public int size() {
    return apps.size();
  }

  public App app(int instance) {
    return apps.get(instance);
  }

  /** The instance's HTTP API, as the load balancer reaches it. */
  public TestHttp http(int instance) {
    return http.get(instance);
  }

  /** The one WeChat sandbox, run by the first instance. */
  public synchronized Sandbox sandbox() {
    if (sandbox == null) {
      sandbox = new Sandbox("http://127.0.0.1:" + apps.get(0).sandbox().port());
    }
    return sandbox;
  }

  public EmbeddedServers servers() {
    return servers;
  }

  /** A plain JDBC connection for the drill's own reading of the books, independent of the instances' pools. */
  public Connection database() throws SQLException {
    return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + servers.postgresPort() + "/postgres", "postgres", "");
  }

  /** Vert.x's blocked-thread warnings since the cluster was up: something blocked an event loop. */
  public List<String> blockedThreadWarnings() {
    return BlockedThreadWatch.warnings();
  }

  /** Stops the instances (the sandbox's last) and the servers, and removes the data. */
  @Override
  public void close() {
    try {
      for (int i = apps.size() - 1; i >= 0; i--) {
        apps.get(i).stop();
      }
    } finally {
      servers.close();
      try (var paths = Files.walk(dir)) {
        paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        // A leftover temporary folder is harmless.
      }
    }
  }
}
