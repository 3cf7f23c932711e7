package cn.reportpost.order.model;

/** Who causes a status change; recorded on every timeline event. */
public enum ActorRole {
  /** The person who ordered, acting in WeChat. */
  RESIDENT,
  /** Hospital staff of the order's test site. */
  SITE_STAFF,
  /** Courier or postal clerk of the order's city. */
  COURIER,
  /** Background jobs of ReportPost itself (closing unpaid orders, automatic refunds). */
  SYSTEM,
  /** WeChat Pay: a verified payment or refund notify, or the answer to a query. */
  PAYMENT,
  /** The carrier's own network (EMS scans), pushed signed by the tracking aggregator. */
  CARRIER,
  /** Operations staff in the console: refunds and after-sales (a report sent again), always with a reason. */
  OPS
}
