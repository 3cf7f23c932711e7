package cn.reportpost.outbox;

import java.util.ArrayList;
import java.util.List;

/**
 * What one attempt at an outbox row did, channel by channel, with WeChat's answer to each: one
 * attempt may try a subscribe message, learn that no consent is left, and fall back to a template
 * message, and operations should see both.
 */
public final class SendLog {

  /** One channel tried. */
  public record Entry(String channel, boolean ok, String answer) {}

  private final List<Entry> entries = new ArrayList<>();
  private String current = "none";

  /** The channel about to be tried: a failure that escapes the handler is recorded against it. */
  public void trying(String channel) {
    current = channel;
  }

  public void ok(String answer) {
    entries.add(new Entry(current, true, answer));
  }

  public void refused(String answer) {
    entries.add(new Entry(current, false, answer));
  }

  String current() {
    return current;
  }

  List<Entry> entries() {
    return entries;
  }
}
