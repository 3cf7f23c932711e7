package cn.reportpost.db;

import io.vertx.pgclient.PgException;

/**
 * PostgreSQL's unique violation (SQLSTATE 23505): how a repeated insert, such as a retried WeChat
 * callback or a replayed courier event, shows that the work was already done.
 */
public final class UniqueViolation {

  private static final String SQLSTATE = "23505";

  private UniqueViolation() {}

  public static boolean is(Throwable e) {
    return e instanceof PgException pg && SQLSTATE.equals(pg.getSqlState());
  }

  /** A unique violation of {@code constraint} (or of an unnamed one, as some drivers report). */
  public static boolean is(Throwable e, String constraint) {
    return is(e) && (((PgException) e).getConstraint() == null || ((PgException) e).getConstraint().equals(constraint));
  }
}
