package cn.reportpost.testing;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A log appender (see logback-test.xml) that remembers Vert.x's blocked-thread warnings. */
public final class BlockedThreadWatch extends AppenderBase<ILoggingEvent> {

  private static final List<String> WARNINGS = new CopyOnWriteArrayList<>();

  @Override
  protected void append(ILoggingEvent event) {
    if (event.getFormattedMessage().contains("has been blocked for")) {
      WARNINGS.add(event.getFormattedMessage());
    }
  }

  static void reset() {
    WARNINGS.clear();
  }

  static List<String> warnings() {
    return List.copyOf(WARNINGS);
  }
}
