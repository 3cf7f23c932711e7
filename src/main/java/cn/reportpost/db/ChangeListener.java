package cn.reportpost.db;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LISTENs on one PostgreSQL channel over a connection of its own and calls {@code onChange} for
 * every notice, and after a reconnect (a notice may have been missed meanwhile). This is how every
 * instance drops an in-process cache the moment a change commits.
 */
public final class ChangeListener {

  private static final Logger log = LoggerFactory.getLogger(ChangeListener.class);

  private final Vertx vertx;
  private final String channel;
  private final java.util.function.Consumer<String> onChange;
  private volatile PgConnection connection;
  private volatile boolean closed;

  public ChangeListener(Vertx vertx, String channel, Runnable onChange) {
    this(vertx, channel, payload -> onChange.run());
  }

  /**
   * {@code onNotice} gets each notice's payload, and null after a (re)connect, when notices may
   * have been missed.
   */
  public ChangeListener(Vertx vertx, String channel, java.util.function.Consumer<String> onNotice) {
    this.vertx = vertx;
    this.channel = channel;
    this.onChange = onNotice;
  }

  public Future<Void> listen(PgConnectOptions options) {
    return PgConnection.connect(vertx, options).compose(conn -> {
      connection = conn;
      conn.notificationHandler(n -> onChange.accept(n.getPayload()));
      conn.closeHandler(v -> {
        connection = null;
        // Closed on purpose at shutdown: nothing was missed, and the pool a reader would use is closing too.
        if (!closed) {
          onChange.accept(null);
          reconnect(options);
        }
      });
      return conn.query("LISTEN " + channel).execute().mapEmpty();
    }).onSuccess(v -> onChange.accept(null)).mapEmpty();
  }

  /** Every second until it works: a cache nobody invalidates would serve stale answers for good. */
  private void reconnect(PgConnectOptions options) {
    if (closed) {
      return;
    }
    vertx.setTimer(1000, t -> listen(options).onFailure(e -> {
      log.warn("{} listener reconnect failed, trying again: {}", channel, e.getMessage());
      reconnect(options);
    }));
  }

  public Future<Void> close() {
    closed = true;
    PgConnection conn = connection;
    return conn == null ? Future.succeededFuture() : conn.close();
  }
}
