package cn.reportpost.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.TransactionPropagation;

import java.util.function.Function;

/**
 * The pool with {@link BoundedClient}'s deadline on every statement run on the pool, and on every
 * transaction as a whole (its statements share one connection, so one stalled statement stalls it).
 * Getting a connection is bounded by the pool's own wait limit.
 */
final class BoundedPool extends BoundedClient implements Pool {

  private final Pool pool;

  BoundedPool(Pool pool, long deadlineMillis) {
    super(pool, deadlineMillis);
    this.pool = pool;
  }

  @Override
  public Future<SqlConnection> getConnection() {
    return pool.getConnection();
  }

  @Override
  public <T> Future<T> withTransaction(Function<SqlConnection, Future<T>> function) {
    return bound(pool.withTransaction(function));
  }

  @Override
  public <T> Future<T> withTransaction(TransactionPropagation propagation, Function<SqlConnection, Future<T>> function) {
    return bound(pool.withTransaction(propagation, function));
  }

  @Override
  public <T> Future<T> withConnection(Function<SqlConnection, Future<T>> function) {
    return bound(pool.withConnection(function));
  }

  @Override
  public int size() {
    return pool.size();
  }
}
