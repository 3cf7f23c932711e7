package cn.reportpost.http;

import cn.reportpost.db.DatabaseStalledException;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;
import io.vertx.core.VertxException;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

import java.net.ConnectException;
import java.net.SocketException;
import java.util.Set;

/**
 * Tells a server this service needs (PostgreSQL, Redis) being out of reach for now from a bug of
 * ours: the first is answered 503 with Retry-After, since the same request may well work shortly.
 */
final class Outage {

  /**
   * PostgreSQL's SQLSTATEs that say so: its connection classes (08), insufficient resources (53),
   * operator intervention (57, including 57014, a statement cancelled by statement_timeout), a
   * lock not granted in time, a transaction left idle too long.
   */
  private static final Set<String> POSTGRES_CLASSES = Set.of("08", "53", "57");
  private static final Set<String> POSTGRES_STATES = Set.of("55P03", "25P03");

  private Outage() {}

  /** Which server is out of reach, judging by {@code failure} and its causes, or null when none is. */
  static String server(Throwable failure) {
    for (Throwable e = failure; e != null; e = e.getCause() == e ? null : e.getCause()) {
      if (e instanceof RedisCommandExecutionException) {
        return null; // Redis answered, with an error: ours to fix.
      }
      if (e instanceof RedisException) {
        return "Redis"; // not connected, connection lost, or no answer within the command timeout
      }
      if (e instanceof PgException pg) {
        String state = pg.getSqlState() == null ? "" : pg.getSqlState();
        return state.length() == 5 && (POSTGRES_CLASSES.contains(state.substring(0, 2)) || POSTGRES_STATES.contains(state))
            ? "PostgreSQL" : null;
      }
      if (e instanceof DatabaseStalledException || e instanceof ClosedConnectionException
          || e instanceof ConnectionPoolTooBusyException
          || e instanceof ConnectException || isPoolWaitTimeout(e)) {
        return "PostgreSQL";
      }
      if (e instanceof SocketException) {
        // A connection reset as the server went down; either client may surface it as it is.
        return "PostgreSQL or Redis";
      }
    }
    return null;
  }

  /** The SQL client's pool gave up waiting for a free connection (its connection timeout). */
  private static boolean isPoolWaitTimeout(Throwable e) {
    return e instanceof VertxException && "Timeout waiting for connection".equals(e.getMessage());
  }
}
