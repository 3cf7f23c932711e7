package cn.reportpost.testing;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * A log appender (see logback-test.xml) that keeps the most recent lines of the run, exceptions
 * included, so a test can prove a secret never reached any log.
 */
public final class LogLines extends AppenderBase<ILoggingEvent> {

  private static final int KEEP = 20_000;
  private static final Deque<String> LINES = new ArrayDeque<>();
  /** Lines not yet looked at by {@link SecretLeaks}. */
  private static final Deque<String> UNCHECKED = new ArrayDeque<>();

  @Override
  protected void append(ILoggingEvent event) {
    String line = event.getLoggerName() + " " + event.getFormattedMessage()
        + (event.getThrowableProxy() == null ? "" : "\n" + ThrowableProxyUtil.asString(event.getThrowableProxy()));
    synchronized (LINES) {
      if (LINES.size() == KEEP) {
        LINES.removeFirst();
      }
      LINES.addLast(line);
      UNCHECKED.addLast(line);
    }
  }

  /** The lines logged since the last call, oldest first. */
  static List<String> drainUnchecked() {
    synchronized (LINES) {
      List<String> lines = List.copyOf(UNCHECKED);
      UNCHECKED.clear();
      return lines;
    }
  }

  /** The kept lines, oldest first. */
  public static List<String> lines() {
    synchronized (LINES) {
      return List.copyOf(LINES);
    }
  }
}
