package cn.reportpost.tracking;

import cn.reportpost.api.ProblemException;
import cn.reportpost.order.OrderColumns;
import cn.reportpost.order.OrderEvent;
import cn.reportpost.order.OrderTransitions;
import cn.reportpost.order.Orders;
import cn.reportpost.order.StoredOrder;
import cn.reportpost.order.TimelineEntry;
import cn.reportpost.order.model.ActorRole;
import cn.reportpost.order.model.OrderStateMachine;
import cn.reportpost.order.model.OrderStatus;
import io.vertx.core.Future;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a push does once its signature is good: the trail is kept, and the order follows it. The
 * whole stored trail is walked oldest first on every push; each scan that reports a stage the order
 * was never in moves it there through the carrier's moves, one transition per stage, each with the
 * scan's place and time and an idempotency key of its own (scan and stage). A repeated or late push
 * thus finds nothing to do, two pushes at once make each move once, and a courier who reported the
 * same stage first leaves the carrier nothing to move (and the other way round).
 */
final class CarrierPushes {

  /** A push that is not Kuaidi100's (missing or wrong signature): refused, nothing kept. */
  static final class Forged extends RuntimeException {
    Forged(String message) {
      super(message);
    }
  }

  /** Whether a push was kept, or was about a waybill no order of ours is tracking. */
  enum Result { STORED, UNKNOWN_WAYBILL }

  /** Who moved the order, on its timeline. */
  static final String ACTOR_ID = "kuaidi100";
  /** Walks retried from fresh reads when someone moved the order while a walk was planned. */
  private static final int WALKS = 3;

  private final TrackingSettings settings;
  private final TrackingRepository repository;
  private final Orders orders;
  private final OrderTransitions transitions;

  CarrierPushes(TrackingSettings settings, TrackingRepository repository, Orders orders, OrderTransitions transitions) {
    this.settings = settings;
    this.repository = repository;
    this.orders = orders;
    this.transitions = transitions;
  }

  /**
   * Checks, keeps and follows one push. The signature is checked with the salt the waybill was
   * subscribed with; a waybill we do not track is checked with the configured salt and then ignored.
   */
  Future<Result> receive(String param, String sign) {
    if (param == null || param.isBlank()) {
      return Future.failedFuture(new Kuaidi100.Malformed("param is required"));
    }
    Kuaidi100.Push push;
    try {
      push = Kuaidi100.parse(param);
    } catch (Kuaidi100.Malformed e) {
      return Future.failedFuture(e);
    }
    return repository.byWaybill(push.waybillNo()).compose(subscription -> {
      String salt = subscription.map(TrackingRepository.Subscription::salt).orElse(settings.salt());
      if (!Kuaidi100.signedBy(param, sign, salt)) {
        return Future.failedFuture(new Forged((sign == null || sign.isBlank() ? "unsigned" : "wrongly signed")
            + " push for waybill " + push.waybillNo()));
      }
      if (subscription.isEmpty()) {
        return Future.succeededFuture(Result.UNKNOWN_WAYBILL);
      }
      String orderNo = subscription.get().orderNo();
      return repository.store(orderNo, push)
          .compose(v -> Kuaidi100.ABORT.equals(push.status())
              ? repository.raise(orders, orderNo, "快递100 停止跟踪：" + (push.message().isEmpty() ? "未说明原因" : push.message()))
              : Future.succeededFuture())
          .compose(v -> follow(orderNo, 1))
          .map(Result.STORED);
    });
  }

  /** Walks the order along its whole stored trail; a walk overtaken by another writer starts again from fresh reads. */
  private Future<Void> follow(String orderNo, int walk) {
    Future<Optional<StoredOrder>> order = orders.find(orderNo);
    Future<List<TimelineEntry>> timeline = orders.timeline(orderNo);
    Future<List<CarrierScan>> scans = repository.scans(orderNo);
    return Future.all(order, timeline, scans).compose(all -> {
      Set<OrderStatus> visited = EnumSet.noneOf(OrderStatus.class);
      timeline.result().forEach(t -> visited.add(OrderStatus.valueOf(t.to())));
      Future<OrderStatus> chain = Future.succeededFuture(order.result().orElseThrow().status());
      List<CarrierScan> trail = scans.result();
      for (int i = 0; i < trail.size(); i++) {
        int index = i;
        chain = chain.compose(now -> followScan(orderNo, now, visited, trail, index));
      }
      return chain.<Void>mapEmpty();
    }).recover(e -> e instanceof ProblemException p && p.status() == 409 && walk < WALKS
        ? follow(orderNo, walk + 1) : Future.failedFuture(e));
  }

  /** What scan {@code index} of the trail does to an order now in {@code now}; answers the status after it. */
  private Future<OrderStatus> followScan(String orderNo, OrderStatus now, Set<OrderStatus> visited, List<CarrierScan> trail,
      int index) {
    CarrierScan scan = trail.get(index);
    if (scan.problem()) {
      return repository.raise(orders, orderNo, "承运商报告异常：" + scan.context()).map(now);
    }
    Optional<OrderStatus> stage = scan.stage();
    if (stage.isEmpty()) {
      return Future.succeededFuture(now);
    }
    List<OrderStatus> path = OrderStateMachine.carrierPath(now, stage.get(), visited);
    if (path.isEmpty()) {
      // A stage passed is only trail; a stage the order cannot reach from where it is needs a person.
      return now == stage.get() || visited.contains(stage.get()) ? Future.succeededFuture(now)
          : repository.raise(orders, orderNo, "承运商轨迹显示" + stage.get().label() + "，订单已是"
              + now.label() + "：" + scan.context()).map(now);
    }
    Future<OrderStatus> chain = Future.succeededFuture(now);
    for (OrderStatus step : path) {
      CarrierScan evidence = step == stage.get() ? scan : latestBefore(trail, index, step).orElse(scan);
      chain = chain.compose(v -> move(orderNo, step, evidence, evidence == scan && step != stage.get()))
          .map(status -> {
            visited.add(status);
            return status;
          });
    }
    return chain;
  }

  /** The last scan before {@code index} that reported {@code stage} (a re-delivery's 派件 before its 签收). */
  private static Optional<CarrierScan> latestBefore(List<CarrierScan> trail, int index, OrderStatus stage) {
    for (int i = index - 1; i >= 0; i--) {
      if (trail.get(i).stage().filter(s -> s == stage).isPresent()) {
        return Optional.of(trail.get(i));
      }
    }
    return Optional.empty();
  }

  /** One carrier move to {@code stage}; {@code inferred} when no scan of its own reported it. */
  private Future<OrderStatus> move(String orderNo, OrderStatus stage, CarrierScan scan, boolean inferred) {
    String note = inferred ? "未见此环节扫描，据其后扫描补记：" + scan.context() : scan.context();
    if (note.isBlank()) {
      note = "承运商扫描：" + stage.label();
    }
    OrderEvent event = new OrderEvent(ActorRole.CARRIER, ACTOR_ID, scan.at(), scan.areaName(), note,
        "carrier:" + scan.key() + ":" + stage.name());
    return transitions.apply(orderNo, order -> OrderStateMachine.check(order.status(), stage, ActorRole.CARRIER), event,
        OrderColumns.NONE).map(OrderTransitions.Outcome::status);
  }
}
