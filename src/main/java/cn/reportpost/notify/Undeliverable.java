package cn.reportpost.notify;

/**
 * WeChat refused a message for a reason that retrying cannot change: the resident has no
 * subscribe consent left for the template (43101), or does not follow the official account
 * (43004). The notifier falls back to another channel or skips; it never retries these.
 */
public final class Undeliverable extends RuntimeException {

  /** Why WeChat refused. */
  public enum Why { NO_CONSENT, NOT_FOLLOWING }

  private final Why why;

  public Undeliverable(Why why, String message) {
    super(message);
    this.why = why;
  }

  public Why why() {
    return why;
  }
}
