package cn.reportpost.testing;

import cn.reportpost.App;
import cn.reportpost.config.Mode;

import java.util.HashMap;
import java.util.Map;

/**
 * Another instance of the product on the run's embedded servers, with settings of its own (short
 * timeouts, a management port), as a second instance behind the load balancer would run.
 */
public final class SecondInstance implements AutoCloseable {

  private final App app;
  private final TestHttp http;

  private SecondInstance(App app) {
    this.app = app;
    this.http = new TestHttp("http://127.0.0.1:" + app.httpPort(), true);
  }

  /** {@code settings}: environment variables on top of the run's own. */
  public static SecondInstance start(TestApp run, Map<String, String> settings) throws Exception {
    Map<String, String> env = new HashMap<>(run.env());
    env.put("HTTP_PORT", Integer.toString(TestApp.freePort()));
    env.put("SANDBOX_PORT", Integer.toString(TestApp.freePort()));
    env.putAll(settings);
    return new SecondInstance(App.start(Mode.TEST, env, run.embedded()));
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
  }
}
