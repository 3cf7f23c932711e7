package cn.reportpost.sla;

import cn.reportpost.config.AppConfig;
import cn.reportpost.http.Module;
import cn.reportpost.jobs.Job;
import cn.reportpost.outbox.OutboxHandler;
import cn.reportpost.staff.StaffAuth;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;

import java.util.Map;

/**
 * SLA breaches: each stage's limit from ops.sla.*, a job that records every order newly past it and
 * alerts the operations group once per order and stage (one WeCom robot message per stage and pass,
 * through the outbox), and the list.
 */
public final class SlaModule implements Module {

  private final BreachRepository repository;
  private final StaffAuth auth;
  private final BreachWatch watch;
  private final WeComAlerts alerts;

  public SlaModule(Vertx vertx, AppConfig config, Pool pool, SqlClient reads, StaffAuth auth, MeterRegistry metrics) {
    SlaLimits limits = SlaLimits.from(config);
    this.repository = new BreachRepository(pool, reads);
    this.auth = auth;
    this.watch = new BreachWatch(repository, limits, metrics);
    WebClient client = WebClient.create(vertx, new WebClientOptions().setConnectTimeout(5000).setFollowRedirects(false));
    this.alerts = new WeComAlerts(client, config.string("ops.sla.webhookUrl"), limits, config.string("http.publicBaseUrl"));
  }

  /** Finds new breaches; run every ops.sla.checkSeconds. */
  public Job watch() {
    return watch;
  }

  /** The outbox rows this feature sends: breach alerts. */
  public Map<String, OutboxHandler> outboxHandlers() {
    return Map.of(BreachRepository.ALERT_KIND, alerts);
  }

  @Override
  public void mount(Router router) {
    new BreachRoutes(repository, auth).mount(router);
  }
}
