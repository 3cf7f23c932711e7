package cn.reportpost.report;

import cn.reportpost.api.ProblemException;
import cn.reportpost.audit.AuditLog;
import cn.reportpost.catalog.Catalog;
import cn.reportpost.order.model.OrderStatus;
import cn.reportpost.staff.StaffAuth;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** Operations: the daily report (JSON, CSV, XLSX; live or kept) and the order export (CSV, XLSX, streamed). */
final class ReportRoutes {

  private static final Logger log = LoggerFactory.getLogger(ReportRoutes.class);

  private final DailyReports reports;
  private final OrderExport export;
  private final Catalog catalog;
  private final StaffAuth auth;
  private final AuditLog audit;
  private final WorkerExecutor workers;

  ReportRoutes(DailyReports reports, OrderExport export, Catalog catalog, StaffAuth auth, AuditLog audit,
      WorkerExecutor workers) {
    this.reports = reports;
    this.export = export;
    this.catalog = catalog;
    this.auth = auth;
    this.audit = audit;
    this.workers = workers;
  }

  void mount(Router router) {
    router.get("/api/v1/ops/reports/daily").handler(auth.require("OPS", "ADMIN")).handler(this::daily);
    router.get("/api/v1/ops/exports/orders").handler(auth.require("OPS", "ADMIN")).handler(this::exportOrders);
  }

  private void daily(RoutingContext ctx) {
    LocalDate day = date(ctx.queryParams().get("date"), "date", true);
    if (day.isAfter(reports.today())) {
      throw ProblemException.invalid("date", "must not be after today");
    }
    SheetFormat format = SheetFormat.parse(ctx.queryParams().get("format"), "format");
    String version = ctx.queryParams().get("version");
    if (version != null && !version.equals("kept") && !version.equals("live")) {
      throw ProblemException.invalid("version", "must be kept or live");
    }
    Future<DailyReport> report = "live".equals(version) ? reports.live(day)
        : reports.kept(day).compose(kept -> {
          if (kept.isPresent()) {
            return Future.succeededFuture(kept.get());
          }
          return "kept".equals(version)
              ? Future.failedFuture(new ProblemException(404, "Not Found", day + " 的日报尚未封存（截止时间后自动生成）"))
              : reports.live(day);
        });
    report.onSuccess(r -> {
      if (format == null) {
        ctx.json(r.json());
        return;
      }
      workers.executeBlocking(() -> {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (SheetWriter sheet = SheetWriter.open(format, bytes, "日报 " + day)) {
          r.table().forEach(sheet::row);
        }
        return Buffer.buffer(bytes.toByteArray());
      }).onSuccess(file -> attachment(ctx.response(), format, "日报-" + day + "-" + r.version()).end(file))
          .onFailure(ctx::fail);
    }).onFailure(ctx::fail);
  }

  private void exportOrders(RoutingContext ctx) {
    LocalDate from = date(ctx.queryParams().get("from"), "from", true);
    LocalDate to = date(ctx.queryParams().get("to"), "to", true);
    if (to.isBefore(from)) {
      throw ProblemException.invalid("to", "must not be before from");
    }
    String city = ctx.queryParams().get("city");
    if (city != null && !city.matches("[1-8][0-9]{5}")) {
      throw ProblemException.invalid("city", "must be a 6-digit city code");
    }
    String status = ctx.queryParams().get("status");
    if (status != null) {
      try {
        OrderStatus.valueOf(status);
      } catch (IllegalArgumentException e) {
        throw ProblemException.invalid("status", "must be an order status such as PAID");
      }
    }
    SheetFormat format = SheetFormat.parse(ctx.queryParams().get("format"), "format");
    boolean unmasked = "true".equals(ctx.queryParams().get("unmasked"));
    String reason = ctx.queryParams().get("reason");
    if (unmasked && (reason == null || reason.isBlank() || reason.length() > 200)) {
      throw ProblemException.invalid("reason", "an unmasked export needs a reason (1 to 200 characters)");
    }
    OrderExport.Filter filter = new OrderExport.Filter(from.atStartOfDay(DailyReports.SHANGHAI).toOffsetDateTime(),
        to.plusDays(1).atStartOfDay(DailyReports.SHANGHAI).toOffsetDateTime(), city, status, unmasked);
    String what = "from=" + from + " to=" + to + " city=" + (city == null ? "" : city) + " status="
        + (status == null ? "" : status);
    Future<Void> audited = unmasked ? audit.record(StaffAuth.actor(ctx), "pii.export", "orders", what + " reason=" + reason)
        : audit.record(StaffAuth.actor(ctx), "orders.export", "orders", what);
    SheetFormat chosen = format == null ? SheetFormat.CSV : format;
    audited.compose(v -> catalog.snapshot()).onSuccess(snapshot -> {
      HttpServerResponse response = attachment(ctx.response(), chosen, "订单-" + from + "-" + to).setChunked(true);
      ResponseStream out = new ResponseStream(response);
      workers.executeBlocking(() -> {
        try (SheetWriter sheet = SheetWriter.open(chosen, out, "订单")) {
          return export.write(filter, snapshot, sheet, out);
        } finally {
          out.close();
        }
      }, false).onSuccess(n -> response.end()).onFailure(e -> {
        // The headers are gone: all that is left to say is that the file is cut short.
        log.warn("order export failed after it started: {}", e.toString());
        response.reset();
      });
    }).onFailure(ctx::fail);
  }

  private static HttpServerResponse attachment(HttpServerResponse response, SheetFormat format, String name) {
    String file = java.net.URLEncoder.encode(name + "." + format.extension, java.nio.charset.StandardCharsets.UTF_8)
        .replace("+", "%20");
    return response.putHeader("Content-Type", format.contentType)
        .putHeader("Content-Disposition", "attachment; filename=\"export." + format.extension + "\"; filename*=UTF-8''" + file)
        .putHeader("Cache-Control", "no-store");
  }

  private static LocalDate date(String raw, String field, boolean required) {
    if (raw == null || raw.isBlank()) {
      if (required) {
        throw ProblemException.invalid(field, "is required, as YYYY-MM-DD");
      }
      return null;
    }
    try {
      return LocalDate.parse(raw);
    } catch (DateTimeParseException e) {
      throw ProblemException.invalid(field, "must be a date as YYYY-MM-DD");
    }
  }
}
