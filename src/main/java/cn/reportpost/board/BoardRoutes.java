package cn.reportpost.board;

import cn.reportpost.api.ProblemException;
import cn.reportpost.order.model.OrderStatus;
import cn.reportpost.staff.StaffAuth;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

/** Operations' live board: counts by city and status, orders per hour, open breaches; and its event stream. */
final class BoardRoutes {

  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  private final BoardRepository repository;
  private final BoardStream stream;
  private final StaffAuth auth;
  private final Clock clock;

  BoardRoutes(BoardRepository repository, BoardStream stream, StaffAuth auth, Clock clock) {
    this.repository = repository;
    this.stream = stream;
    this.auth = auth;
    this.clock = clock;
  }

  void mount(Router router) {
    router.get("/api/v1/ops/board").handler(auth.require("OPS", "ADMIN")).handler(this::board);
    router.get("/api/v1/ops/board/stream").handler(auth.require("OPS", "ADMIN")).handler(this::subscribe);
  }

  private void board(RoutingContext ctx) {
    OffsetDateTime now = OffsetDateTime.now(clock);
    LocalDate today = now.atZoneSameInstant(SHANGHAI).toLocalDate();
    ZonedDateTime todayStart = today.atStartOfDay(SHANGHAI);
    ZonedDateTime yesterdayStart = todayStart.minusDays(1);
    Future.all(repository.counts(), repository.ordersPerHour(yesterdayStart.toOffsetDateTime()), repository.openBreaches())
        .onSuccess(all -> {
          List<BoardRepository.CityCounts> cities = all.resultAt(0);
          Map<OffsetDateTime, Long> perHour = all.resultAt(1);
          long[] todayHours = new long[24];
          long[] yesterdayHours = new long[24];
          perHour.forEach((hour, n) -> {
            ZonedDateTime local = hour.atZoneSameInstant(SHANGHAI);
            long[] day = local.toLocalDate().equals(today) ? todayHours : yesterdayHours;
            if (!local.isBefore(yesterdayStart) && local.isBefore(todayStart.plusDays(1))) {
              day[local.getHour()] += n;
            }
          });
          JsonArray lines = new JsonArray();
          for (BoardRepository.CityCounts city : cities) {
            JsonObject counts = new JsonObject();
            for (OrderStatus status : OrderStatus.values()) {
              counts.put(status.name(), city.counts().getOrDefault(status.name(), 0L));
            }
            lines.add(new JsonObject().put("cityCode", city.cityCode()).put("name", city.name()).put("counts", counts));
          }
          ctx.json(new JsonObject().put("generatedAt", now.toString()).put("cities", lines)
              .put("breaches", (long) all.resultAt(2))
              .put("ordersPerHour", new JsonObject().put("today", array(todayHours)).put("yesterday", array(yesterdayHours))));
        }).onFailure(ctx::fail);
  }

  private static JsonArray array(long[] values) {
    JsonArray a = new JsonArray();
    for (long v : values) {
      a.add(v);
    }
    return a;
  }

  /** text/event-stream; Last-Event-ID (header, or ?lastEventId= for a first connection) replays what was missed. */
  private void subscribe(RoutingContext ctx) {
    String last = ctx.request().getHeader("Last-Event-ID");
    if (last == null) {
      last = ctx.queryParams().get("lastEventId");
    }
    long lastId;
    try {
      lastId = last == null || last.isBlank() ? -1 : Long.parseLong(last.trim());
    } catch (NumberFormatException e) {
      throw ProblemException.invalid("Last-Event-ID", "must be the id of an event");
    }
    HttpServerResponse response = ctx.response().setChunked(true)
        .putHeader("Content-Type", "text/event-stream; charset=utf-8")
        .putHeader("Cache-Control", "no-store")
        .putHeader("X-Accel-Buffering", "no");
    response.write("retry: 2000\n\n");
    BoardStream.Subscriber subscriber = new BoardStream.Subscriber(response, ctx.vertx().getOrCreateContext());
    stream.add(subscriber);
    response.closeHandler(v -> stream.remove(subscriber));
    response.exceptionHandler(e -> stream.remove(subscriber));
    Future<List<BoardRepository.BoardEvent>> missed = lastId < 0 ? Future.succeededFuture(List.of())
        : repository.eventsAfter(lastId, BoardStream.CATCH_UP);
    missed.onSuccess(subscriber::caughtUp).onFailure(e -> {
      stream.remove(subscriber);
      response.reset();
    });
  }
}
