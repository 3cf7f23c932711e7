package cn.reportpost.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.PrepareOptions;
import io.vertx.sqlclient.PreparedQuery;
import io.vertx.sqlclient.Query;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlResult;
import io.vertx.sqlclient.Tuple;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collector;

/**
 * A client whose every statement gets an answer or fails within a deadline. PostgreSQL cancels a
 * slow statement itself (statement_timeout); this covers a server or network that has stalled and
 * answers nothing at all, where a request would otherwise wait for as long as the stall lasts.
 * The operation given up on may still finish once the server answers again.
 */
class BoundedClient implements SqlClient {

  private final SqlClient client;
  private final long deadlineMillis;

  BoundedClient(SqlClient client, long deadlineMillis) {
    this.client = client;
    this.deadlineMillis = deadlineMillis;
  }

  /** {@code operation}, or a {@link DatabaseStalledException} when it has not completed within the deadline. */
  final <T> Future<T> bound(Future<T> operation) {
    return operation.timeout(deadlineMillis, TimeUnit.MILLISECONDS).recover(e -> Future.failedFuture(
        e instanceof TimeoutException && !operation.isComplete() ? new DatabaseStalledException(deadlineMillis) : e));
  }

  @Override
  public Query<RowSet<Row>> query(String sql) {
    return new BoundedQuery<>(client.query(sql));
  }

  @Override
  public PreparedQuery<RowSet<Row>> preparedQuery(String sql) {
    return new BoundedPreparedQuery<>(client.preparedQuery(sql));
  }

  @Override
  public PreparedQuery<RowSet<Row>> preparedQuery(String sql, PrepareOptions options) {
    return new BoundedPreparedQuery<>(client.preparedQuery(sql, options));
  }

  @Override
  public Future<Void> close() {
    return client.close();
  }

  private final class BoundedQuery<T> implements Query<T> {
    private final Query<T> query;

    BoundedQuery(Query<T> query) {
      this.query = query;
    }

    @Override
    public Future<T> execute() {
      return bound(query.execute());
    }

    @Override
    public <R> Query<SqlResult<R>> collecting(Collector<Row, ?, R> collector) {
      return new BoundedQuery<>(query.collecting(collector));
    }

    @Override
    public <U> Query<RowSet<U>> mapping(Function<Row, U> mapper) {
      return new BoundedQuery<>(query.mapping(mapper));
    }
  }

  private final class BoundedPreparedQuery<T> implements PreparedQuery<T> {
    private final PreparedQuery<T> query;

    BoundedPreparedQuery(PreparedQuery<T> query) {
      this.query = query;
    }

    @Override
    public Future<T> execute() {
      return bound(query.execute());
    }

    @Override
    public Future<T> execute(Tuple tuple) {
      return bound(query.execute(tuple));
    }

    @Override
    public Future<T> executeBatch(List<Tuple> batch) {
      return bound(query.executeBatch(batch));
    }

    @Override
    public <R> PreparedQuery<SqlResult<R>> collecting(Collector<Row, ?, R> collector) {
      return new BoundedPreparedQuery<>(query.collecting(collector));
    }

    @Override
    public <U> PreparedQuery<RowSet<U>> mapping(Function<Row, U> mapper) {
      return new BoundedPreparedQuery<>(query.mapping(mapper));
    }
  }
}
