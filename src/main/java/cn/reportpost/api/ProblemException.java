package cn.reportpost.api;

import java.util.List;
import java.util.Map;

/**
 * A failure that answers as application/problem+json (RFC 9457). Thrown or passed to
 * {@code ctx.fail(...)} anywhere; the one error handler writes it.
 */
public class ProblemException extends RuntimeException {

  private final int status;
  private final String title;
  private final List<FieldError> errors;
  private final long retryAfterSeconds;
  private final String type;
  private final Map<String, Object> extensions;

  public ProblemException(int status, String title, String detail) {
    this(status, title, detail, List.of());
  }

  public ProblemException(int status, String title, String detail, List<FieldError> errors) {
    this(status, title, detail, errors, 0);
  }

  private ProblemException(int status, String title, String detail, List<FieldError> errors, long retryAfterSeconds) {
    this(status, "about:blank", title, detail, errors, retryAfterSeconds, Map.of());
  }

  private ProblemException(int status, String type, String title, String detail, List<FieldError> errors,
      long retryAfterSeconds, Map<String, Object> extensions) {
    super(detail, null, false, false);
    this.status = status;
    this.type = type;
    this.title = title;
    this.errors = List.copyOf(errors);
    this.retryAfterSeconds = retryAfterSeconds;
    this.extensions = Map.copyOf(extensions);
  }

  /**
   * A problem of its own type (RFC 9457 §3.1.1), which a client may act on, with extension
   * members (§3.2) that tell it what it needs to; a type is never about:blank here.
   */
  public static ProblemException typed(int status, String type, String title, String detail,
      Map<String, Object> extensions) {
    return new ProblemException(status, type, title, detail, List.of(), 0, extensions);
  }

  /** 429 with a Retry-After header. */
  public static ProblemException tooManyRequests(String detail, long retryAfterSeconds) {
    return new ProblemException(429, "Too many requests", detail, List.of(), Math.max(1, retryAfterSeconds));
  }

  /** 502: a service we depend on (WeChat) failed; {@code retryAfterSeconds} 0 when trying again cannot help. */
  public static ProblemException badGateway(String detail, long retryAfterSeconds) {
    return new ProblemException(502, "Bad gateway", detail, List.of(), retryAfterSeconds);
  }

  /** 503 with a Retry-After header: something this request needs (the database, Redis, a password-hashing slot) is not to be had just now. */
  public static ProblemException unavailable(String detail, long retryAfterSeconds) {
    return new ProblemException(503, "Service unavailable", detail, List.of(), Math.max(1, retryAfterSeconds));
  }

  public static ProblemException invalid(List<FieldError> errors) {
    String detail = errors.size() == 1
        ? errors.get(0).field() + ": " + errors.get(0).message()
        : errors.size() + " fields are invalid";
    return new ProblemException(400, "Invalid request", detail, errors);
  }

  public static ProblemException invalid(String field, String message) {
    return invalid(List.of(new FieldError(field, message)));
  }

  public static ProblemException notFound(String detail) {
    return new ProblemException(404, "Not found", detail);
  }

  public static ProblemException conflict(String detail) {
    return new ProblemException(409, "Conflict", detail);
  }

  public int status() {
    return status;
  }

  public String title() {
    return title;
  }

  public String detail() {
    return getMessage();
  }

  public List<FieldError> errors() {
    return errors;
  }

  /** The problem type: about:blank unless made by {@link #typed}. */
  public String type() {
    return type;
  }

  /** Extension members of a typed problem; empty otherwise. */
  public Map<String, Object> extensions() {
    return extensions;
  }

  /** Seconds the caller should wait before trying again; 0 when not applicable. */
  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
