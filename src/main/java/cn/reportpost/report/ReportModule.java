package cn.reportpost.report;

import cn.reportpost.audit.AuditLog;
import cn.reportpost.catalog.Catalog;
import cn.reportpost.config.AppConfig;
import cn.reportpost.config.InvalidSettingException;
import cn.reportpost.http.Module;
import cn.reportpost.jobs.Job;
import cn.reportpost.order.Orders;
import cn.reportpost.privacy.PersonalData;
import cn.reportpost.staff.StaffAuth;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;

import java.time.Clock;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;

/**
 * Reporting for operations: the daily report of every city (kept after each day's cut-off) and
 * order exports, both as CSV or XLSX. Files are written on a small worker pool of their own, so an
 * export never waits behind (or holds up) WeChat calls or password hashing.
 */
public final class ReportModule implements Module {

  private final DailyReports reports;
  private final ReportRoutes routes;
  private final WorkerExecutor workers;

  public ReportModule(Vertx vertx, AppConfig config, Pool pool, SqlClient reads, Clock clock, Orders orders,
      Catalog catalog, PersonalData personal, StaffAuth auth, AuditLog audit) {
    LocalTime cutoff;
    try {
      cutoff = LocalTime.parse(config.string("ops.report.cutoff"));
    } catch (DateTimeParseException e) {
      throw new InvalidSettingException("ops.report.cutoff must be a time of day as HH:MM");
    }
    this.reports = new DailyReports(new ReportRepository(pool, reads), clock, cutoff);
    this.workers = vertx.createSharedWorkerExecutor("reports", config.integer("ops.report.workers"));
    this.routes = new ReportRoutes(reports, new OrderExport(orders, personal), catalog, auth, audit, workers);
  }

  /** Keeps each day's report after its cut-off. */
  public Job keeper() {
    return reports;
  }

  @Override
  public void mount(Router router) {
    routes.mount(router);
  }

  @Override
  public Future<Void> stop() {
    return workers.close();
  }
}
