package cn.reportpost.order.model;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The service runs in Shanxi: "today" is the date in Beijing time for every caller, whatever the
 * zone of the server or of the injected clock.
 */
public final class ServiceDate {

  public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

  private ServiceDate() {}

  public static LocalDate today(Clock clock) {
    return LocalDate.ofInstant(clock.instant(), ZONE);
  }
}
