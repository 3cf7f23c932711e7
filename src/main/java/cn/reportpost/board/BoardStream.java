package cn.reportpost.board;

import cn.reportpost.db.ChangeListener;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgConnectOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The board's server-sent events, once per process: the trigger on report_order records every
 * transition in ops_board_event and NOTIFYs its id at commit, whichever instance made it; this
 * LISTENs, reads the event and writes it to every subscriber connected here.
 */
final class BoardStream {

  private static final Logger log = LoggerFactory.getLogger(BoardStream.class);
  /** Events a reconnecting client may catch up on at most; further back it reloads the board. */
  static final int CATCH_UP = 1000;

  /** One open stream: its response, written on its own context. */
  static final class Subscriber {
    private final HttpServerResponse response;
    private final Context context;
    /** Live events that arrived while the catch-up was being read. */
    private List<BoardRepository.BoardEvent> held = new ArrayList<>();

    Subscriber(HttpServerResponse response, Context context) {
      this.response = response;
      this.context = context;
    }

    void send(BoardRepository.BoardEvent event) {
      context.runOnContext(v -> {
        if (held != null) {
          held.add(event);
        } else {
          write(event);
        }
      });
    }

    /** On its context: the catch-up first, then whatever arrived meanwhile, each event once. */
    void caughtUp(List<BoardRepository.BoardEvent> missed) {
      missed.forEach(this::write);
      Set<Long> caught = new java.util.HashSet<>(missed.stream().map(BoardRepository.BoardEvent::id).toList());
      List<BoardRepository.BoardEvent> waiting = held;
      held = null;
      waiting.stream().filter(e -> !caught.contains(e.id())).forEach(this::write);
    }

    private void write(BoardRepository.BoardEvent event) {
      if (response.closed()) {
        return;
      }
      // A subscriber that cannot keep up loses the stream and reconnects with Last-Event-ID.
      if (response.writeQueueFull()) {
        response.reset();
        return;
      }
      response.write("id: " + event.id() + "\nevent: transition\ndata: " + event.json().encode() + "\n\n");
    }

    void ping() {
      context.runOnContext(v -> {
        if (!response.closed()) {
          response.write(": ping\n\n");
        }
      });
    }
  }

  private final Vertx vertx;
  private final BoardRepository repository;
  private final ChangeListener listener;
  private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
  /** The newest event passed on, for catching up after the listener reconnects. */
  private final AtomicLong newest = new AtomicLong(-1);
  private long pinger = -1;

  BoardStream(Vertx vertx, BoardRepository repository) {
    this.vertx = vertx;
    this.repository = repository;
    this.listener = new ChangeListener(vertx, "ops_board", this::onNotice);
  }

  Future<Void> start(PgConnectOptions options) {
    pinger = vertx.setPeriodic(15_000, t -> subscribers.forEach(Subscriber::ping));
    return listener.listen(options);
  }

  Future<Void> stop() {
    vertx.cancelTimer(pinger);
    subscribers.forEach(s -> s.context.runOnContext(v -> s.response.end()));
    return listener.close();
  }

  int subscriberCount() {
    return subscribers.size();
  }

  void add(Subscriber s) {
    subscribers.add(s);
  }

  void remove(Subscriber s) {
    subscribers.remove(s);
  }

  /** A notice carries the event whole; none (a reconnect) means "whatever came after the newest seen". */
  private void onNotice(String payload) {
    Future<List<BoardRepository.BoardEvent>> events;
    if (payload == null) {
      long after = newest.get();
      events = after < 0
          ? repository.lastEventId().map(id -> {
              newest.compareAndSet(-1, id);
              return List.of();
            })
          : repository.eventsAfter(after, CATCH_UP);
    } else {
      try {
        events = Future.succeededFuture(List.of(BoardRepository.BoardEvent.fromJson(new JsonObject(payload))));
      } catch (RuntimeException e) {
        log.warn("ops_board notice with an unexpected payload: {}", payload);
        return;
      }
    }
    events.onSuccess(list -> list.forEach(event -> {
      newest.accumulateAndGet(event.id(), Math::max);
      subscribers.forEach(s -> s.send(event));
    })).onFailure(e -> log.warn("board events not read: {}", e.getMessage()));
  }
}
