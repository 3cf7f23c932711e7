package cn.reportpost;

import cn.reportpost.catalog.Catalog;
import cn.reportpost.catalog.CatalogRepository;
import cn.reportpost.config.AppConfig;
import cn.reportpost.config.Mode;
import cn.reportpost.db.Database;
import cn.reportpost.dev.DemoData;
import cn.reportpost.dev.DevSecrets;
import cn.reportpost.dev.EmbeddedServers;
import cn.reportpost.redis.Redis;
import cn.reportpost.sandbox.DevCredentials;
import cn.reportpost.sandbox.Sandbox;
import cn.reportpost.wechat.WeChatGateway;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The launcher: loads config, starts the embedded servers in dev and test mode, migrates the
 * schema, builds the shared pool and Redis connection, and deploys the HTTP verticle on every
 * event loop. {@link #stop()} undoes it in reverse order.
 */
public final class App {

  private static final Logger log = LoggerFactory.getLogger(App.class);

  private final Services services;
  private final Assembly modules;
  private final EmbeddedServers embedded;
  private final boolean ownsEmbedded;
  private final Sandbox sandbox;
  private String deploymentId;
  private final AtomicBoolean stopping = new AtomicBoolean();

  private App(Services services, Assembly modules, EmbeddedServers embedded, boolean ownsEmbedded, Sandbox sandbox) {
    this.services = services;
    this.modules = modules;
    this.embedded = embedded;
    this.ownsEmbedded = ownsEmbedded;
    this.sandbox = sandbox;
  }

  /**
   * Starts everything and blocks until the HTTP server listens. {@code shared}, when given, is a
   * running pair of embedded servers (tests share one for the whole run); otherwise dev and test
   * mode start their own under the data folder.
   */
  public static App start(Mode mode, Map<String, String> env, EmbeddedServers shared) throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Vertx vertx = createVertx(mode, registry);
    EmbeddedServers embedded = shared;
    try {
      AppConfig config = AppConfig.load(vertx, mode, env).await(30, TimeUnit.SECONDS);
      DevCredentials wechatDev = null;
      if (mode.embedded()) {
        if (embedded == null) {
          embedded = EmbeddedServers.start(config.dataDir(), mode == Mode.DEV);
        }
        config = withEmbedded(config, embedded);
        wechatDev = DevCredentials.generate(config);
        config = wechatDev.productConfig();
      } else {
        config.requireProductionSettings();
      }
      Database.migrate(config);
      Pool pool = Database.pool(vertx, config);
      Redis redis = Redis.connect(vertx, config);
      Clock clock = Clock.systemDefaultZone();
      Catalog catalog = new Catalog(vertx, new CatalogRepository(pool),
          Duration.ofSeconds(config.integer("catalog.cacheSeconds")), clock);
      if (mode.embedded() && config.bool("dev.demoData")) {
        DemoData.load(vertx, pool).await(60, TimeUnit.SECONDS);
      }
      WeChatGateway wechat = WeChatGateway.create(vertx, config, redis, clock);
      // Only dev and test mode hold sandbox settings, so production cannot reach this.
      Sandbox sandbox = wechatDev == null ? null
          : Sandbox.start(vertx, wechatDev.sandbox()).await(10, TimeUnit.SECONDS);
      Services services = new Services(vertx, config, clock, pool, Database.reads(vertx, config), redis, registry,
          catalog, wechat);
      Optional<String> cashierUrl = Optional.ofNullable(sandbox)
          .map(s -> "http://127.0.0.1:" + s.port() + "/sandbox/cashier");
      Assembly modules = new Assembly(services, Database.connectOptions(config), cashierUrl);
      App app = new App(services, modules, embedded, shared == null && embedded != null, sandbox);
      if (shared == null && embedded != null) {
        embedded.holdUntilClosed();
      }
      modules.start().await(10, TimeUnit.SECONDS);
      app.deploy();
      return app;
    } catch (Exception | Error e) {
      vertx.close();
      if (shared == null && embedded != null) {
        embedded.close();
      }
      throw e;
    }
  }

  private void deploy() throws Exception {
    int instances = services.config().integer("http.instances");
    if (instances <= 0) {
      instances = Runtime.getRuntime().availableProcessors();
    }
    deploymentId = services.vertx()
        .deployVerticle(() -> new HttpVerticle(services.config(), modules), new DeploymentOptions().setInstances(instances))
        .await(30, TimeUnit.SECONDS);
    log.info("ReportPost ({}) listening on http://{}:{} with {} HTTP verticle instance(s)",
        services.config().mode(), services.config().string("http.host"), httpPort(), instances);
  }

  private static Vertx createVertx(Mode mode, PrometheusMeterRegistry registry) {
    // One event loop per core (Vert.x's default is two): with PostgreSQL, Redis and WeChat calls all
    // asynchronous, more loops than cores only add context switches (measured: 1,777/s -> 2,017/s).
    VertxOptions options = new VertxOptions()
        .setEventLoopPoolSize(Runtime.getRuntime().availableProcessors())
        .setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true).setJvmMetricsEnabled(true)
            // Vert.x keeps backends by name per JVM: under the default name a second instance (tests) fed the first's.
            .setRegistryName("reportpost-" + java.util.UUID.randomUUID())
            .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true)));
    if (mode == Mode.TEST) {
      // Strict enough that a blocking call on an event loop shows up in the test log at once.
      options.setBlockedThreadCheckInterval(100).setMaxEventLoopExecuteTime(200)
          .setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS).setWarningExceptionTime(150).setWarningExceptionTimeUnit(TimeUnit.MILLISECONDS);
    }
    return Vertx.builder().with(options).withMetrics(new MicrometerMetricsFactory(registry)).build();
  }

  /** Points the config at the embedded servers and fills in the secrets dev mode makes for itself. */
  private static AppConfig withEmbedded(AppConfig config, EmbeddedServers embedded) {
    DevSecrets secrets = DevSecrets.open(config.dataDir());
    AppConfig c = config
        .with("postgres.host", "127.0.0.1").with("postgres.port", embedded.postgresPort())
        .with("postgres.database", "postgres").with("postgres.user", "postgres").with("postgres.password", "")
        .with("redis.uri", "redis://127.0.0.1:" + embedded.redisPort());
    if (c.string("secrets.piiKey").isBlank()) {
      c = c.with("secrets.piiKey", secrets.get("piiKey", () -> DevSecrets.randomKey(32)));
    }
    if (c.string("secrets.hashKey").isBlank()) {
      c = c.with("secrets.hashKey", secrets.get("hashKey", () -> DevSecrets.randomKey(32)));
    }
    if (c.string("http.publicBaseUrl").isBlank()) {
      c = c.with("http.publicBaseUrl", "http://127.0.0.1:" + c.integer("http.port"));
    }
    return c;
  }

  public Services services() {
    return services;
  }

  public Assembly modules() {
    return modules;
  }

  public int httpPort() {
    return services.config().integer("http.port");
  }

  public EmbeddedServers embedded() {
    return embedded;
  }

  /** The WeChat sandbox in dev and test mode; null in production. */
  public Sandbox sandbox() {
    return sandbox;
  }

  /**
   * Drains, then stops: /health answers 503 at once (the load balancer stops sending) while the
   * server keeps taking requests for {@code http.drainDelaySeconds}; then it stops accepting,
   * requests in flight finish within the grace period and so do job runs in flight; only then do
   * the pools close, and last the embedded servers of dev mode. Calling it again does nothing.
   */
  public void stop() {
    if (!stopping.compareAndSet(false, true)) {
      return;
    }
    Vertx vertx = services.vertx();
    AppConfig config = services.config();
    try {
      modules.beginDrain();
      int delay = config.integer("http.drainDelaySeconds");
      if (delay > 0) {
        log.info("draining: /health answers 503; taking requests for {} s more", delay);
        Thread.sleep(delay * 1000L);
      }
      Future<?> server = deploymentId == null ? Future.succeededFuture() : vertx.undeploy(deploymentId);
      Future.join(server, modules.stop()).await(config.integer("http.shutdownGraceSeconds") + 5L, TimeUnit.SECONDS);
      services.reads().close().await(5, TimeUnit.SECONDS);
      services.pool().close().await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      log.warn("shutdown was not clean: {}", e.toString());
    } finally {
      services.wechat().close();
      services.redis().close();
      try {
        vertx.close().await(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        log.warn("Vert.x did not close cleanly: {}", e.toString());
      }
      if (ownsEmbedded) {
        embedded.close();
      }
    }
    log.info("ReportPost stopped");
  }
}
