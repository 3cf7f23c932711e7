package cn.reportpost.testing;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.AppenderBase;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A log appender (see logback-test.xml) that remembers Vert.x's blocked-thread warnings, with the
 * top of the blocked thread's stack when Vert.x took it, so a failure says what blocked.
 */
public final class BlockedThreadWatch extends AppenderBase<ILoggingEvent> {

  private static final List<String> WARNINGS = new CopyOnWriteArrayList<>();

  @Override
  protected void append(ILoggingEvent event) {
    if (!event.getFormattedMessage().contains("has been blocked for")) {
      return;
    }
    StringBuilder warning = new StringBuilder(event.getFormattedMessage());
    IThrowableProxy stack = event.getThrowableProxy();
    if (stack != null) {
      StackTraceElementProxy[] frames = stack.getStackTraceElementProxyArray();
      for (int i = 0; i < Math.min(frames.length, 12); i++) {
        warning.append("\n    at ").append(frames[i].getStackTraceElement());
      }
    }
    WARNINGS.add(warning.toString());
  }

  static void reset() {
    WARNINGS.clear();
  }

  static List<String> warnings() {
    return List.copyOf(WARNINGS);
  }
}
