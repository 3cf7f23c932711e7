package cn.reportpost.testing;

import cn.reportpost.App;
import cn.reportpost.config.AppConfig;
import cn.reportpost.config.Mode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Another instance of the product on the run's embedded servers, with settings of its own (short
 * timeouts, a management port), as a second instance behind the load balancer would run. It has
 * the run's keys for personal data but a data folder of its own: dev mode writes fresh WeChat
 * credentials there, which would otherwise replace the files the run's tests read theirs from.
 */
public final class SecondInstance implements AutoCloseable {

  private final App app;
  private final Path dataDir;
  private final TestHttp http;

  private SecondInstance(App app, Path dataDir) {
    this.app = app;
    this.dataDir = dataDir;
    this.http = new TestHttp("http://127.0.0.1:" + app.httpPort(), true);
  }

  /** {@code settings}: environment variables on top of the run's own. */
  public static SecondInstance start(TestApp run, Map<String, String> settings) throws Exception {
    AppConfig config = run.app().services().config();
    Path dataDir = Files.createTempDirectory("reportpost-second");
    Map<String, String> env = new HashMap<>(run.env());
    env.put("HTTP_PORT", Integer.toString(TestApp.freePort()));
    env.put("SANDBOX_PORT", Integer.toString(TestApp.freePort()));
    env.put("DATA_DIR", dataDir.toString());
    env.put("PII_KEY_ID", config.string("secrets.piiKeyId"));
    env.put("PII_KEY", config.string("secrets.piiKey"));
    env.put("HASH_KEY", config.string("secrets.hashKey"));
    env.putAll(settings);
    App app = App.start(Mode.TEST, env, run.embedded());
    // Its sandbox is another merchant: its reconciliation would find the run's orders unknown there.
    app.modules().stopJobs().await(10, java.util.concurrent.TimeUnit.SECONDS);
    return new SecondInstance(app, dataDir);
  }

  public App app() {
    return app;
  }

  public TestHttp http() {
    return http;
  }

  @Override
  public void close() {
    app.stop();
    TestApp.deleteTree(dataDir);
  }
}
