package cn.reportpost.report;

import cn.reportpost.jobs.Job;
import io.vertx.core.Future;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * The daily report, live or kept; and the job that keeps each day's report once the day's cut-off
 * (a time of the next day, Asia/Shanghai) has passed, so a late correction shows in the live
 * figures but never silently changes the report that was filed.
 */
final class DailyReports implements Job {

  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  /** Days looked back at for a report not kept yet (say the service was down at the cut-off). */
  private static final int CATCH_UP_DAYS = 7;

  private final ReportRepository repository;
  private final Clock clock;
  private final LocalTime cutoff;

  DailyReports(ReportRepository repository, Clock clock, LocalTime cutoff) {
    this.repository = repository;
    this.clock = clock;
    this.cutoff = cutoff;
  }

  LocalDate today() {
    return LocalDate.now(clock.withZone(SHANGHAI));
  }

  Future<DailyReport> live(LocalDate day) {
    ZonedDateTime start = day.atStartOfDay(SHANGHAI);
    return repository.figures(start.toOffsetDateTime(), start.plusDays(1).toOffsetDateTime())
        .map(lines -> new DailyReport(day, "live", OffsetDateTime.now(clock).toString(), lines));
  }

  Future<Optional<DailyReport>> kept(LocalDate day) {
    return repository.kept(day).map(body -> body.map(b -> DailyReport.fromJson(b, "kept")));
  }

  @Override
  public String name() {
    return "daily-report";
  }

  /** Keeps every recent day's report whose cut-off has passed and that is not kept yet. */
  @Override
  public Future<Integer> runOnce() {
    ZonedDateTime now = ZonedDateTime.now(clock.withZone(SHANGHAI));
    // The newest day whose cut-off (on the day after it) has passed.
    LocalDate newest = now.toLocalTime().isBefore(cutoff) ? now.toLocalDate().minusDays(2) : now.toLocalDate().minusDays(1);
    return repository.notKept(newest.minusDays(CATCH_UP_DAYS - 1), newest).compose(days -> {
      Future<Integer> chain = Future.succeededFuture(0);
      for (LocalDate day : days) {
        chain = chain.compose(n -> live(day).compose(report -> repository.keep(day,
            report.json().put("version", "kept"))).map(kept -> kept ? n + 1 : n));
      }
      return chain;
    });
  }
}
