package cn.reportpost.api;

/**
 * A failure of a service this one calls (WeChat): answered 502, with Retry-After when the service
 * was out of reach or failed on its side, without when it refused the request.
 */
public interface UpstreamFailure {

  /** Who failed, in words a caller may read ("WeChat"). */
  String upstream();

  /** Which of its calls failed. */
  String api();

  /** Its error code, when it gave one. */
  String code();

  /** True when it did not answer or failed on its side (trying again may help). */
  boolean outage();
}
