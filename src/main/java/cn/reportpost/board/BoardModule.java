package cn.reportpost.board;

import cn.reportpost.http.Module;
import cn.reportpost.jobs.Job;
import cn.reportpost.order.OrderSideEffects;
import cn.reportpost.outbox.OutboxRepository;
import cn.reportpost.staff.StaffAuth;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The live board for operations: counters kept by triggers on report_order (never a count at
 * request time), a server-sent-events stream of every transition on any instance, and the
 * business gauges of /metrics (SSE subscribers, outbox lag, transitions).
 */
public final class BoardModule implements Module {

  private final BoardRepository repository;
  private final BoardStream stream;
  private final StaffAuth auth;
  private final Clock clock;
  private final PgConnectOptions changes;
  private final CounterFold fold;
  private final TransitionCounter transitions;

  public BoardModule(Vertx vertx, Pool pool, SqlClient reads, Clock clock, StaffAuth auth, PgConnectOptions changes,
      OutboxRepository outbox, MeterRegistry metrics) {
    this.repository = new BoardRepository(pool, reads);
    this.stream = new BoardStream(vertx, repository);
    this.auth = auth;
    this.clock = clock;
    this.changes = changes;
    AtomicLong lag = new AtomicLong();
    this.fold = new CounterFold(repository, outbox, lag);
    this.transitions = new TransitionCounter(metrics);
    Gauge.builder("reportpost.board.subscribers", stream, BoardStream::subscriberCount)
        .description("board event streams (SSE) open on this instance").register(metrics);
    Gauge.builder("reportpost.outbox.lag.seconds", lag, AtomicLong::get)
        .description("how long the oldest due outbox message has waited").register(metrics);
  }

  /** Folds the counters' deltas; run every couple of seconds. */
  public Job fold() {
    return fold;
  }

  /** Counts each committed status change for /metrics. */
  public OrderSideEffects transitionCounter() {
    return transitions;
  }

  @Override
  public void mount(Router router) {
    new BoardRoutes(repository, stream, auth, clock).mount(router);
  }

  @Override
  public Future<Void> start() {
    return stream.start(changes);
  }

  @Override
  public Future<Void> stop() {
    return stream.stop();
  }
}
