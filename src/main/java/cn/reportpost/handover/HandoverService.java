package cn.reportpost.handover;

import cn.reportpost.db.UniqueViolation;
import cn.reportpost.api.RandomCodes;
import cn.reportpost.catalog.Catalog;
import cn.reportpost.api.ProblemException;
import cn.reportpost.order.OrderEvent;
import cn.reportpost.order.OrderColumns;
import cn.reportpost.order.Orders;
import cn.reportpost.order.OrderTransitions;
import cn.reportpost.order.StoredOrder;
import cn.reportpost.order.model.ActorRole;
import cn.reportpost.order.model.OrderNumber;
import cn.reportpost.order.model.OrderStatus;
import cn.reportpost.staff.StaffUser;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * The site's side (reports found, packed, or unavailable) and the handover of READY orders to a
 * courier, with both sides recorded. Every action stays within the user's site or cities.
 */
public final class HandoverService {

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyMMdd");

  private final Pool pool;
  private final Orders orders;
  private final OrderTransitions transitions;
  private final HandoverRepository batches;
  private final Catalog catalog;
  private final Clock clock;

  public HandoverService(Pool pool, Orders orders, OrderTransitions transitions, HandoverRepository batches,
      Catalog catalog, Clock clock) {
    this.pool = pool;
    this.orders = orders;
    this.transitions = transitions;
    this.batches = batches;
    this.catalog = catalog;
    this.clock = clock;
  }

  /** The order if it lies within the user's scope; otherwise it does not exist for them. */
  public Future<StoredOrder> scoped(StaffUser user, String orderNo) {
    return catalog.snapshot().compose(snapshot -> orders.find(orderNo).compose(found -> {
      Optional<StoredOrder> visible = found.filter(o -> user.covers(o.siteCode(),
          snapshot.site(o.siteCode()).map(s -> s.cityCode()).orElse("")));
      return visible.isPresent() ? Future.succeededFuture(visible.get())
          : Future.failedFuture(ProblemException.notFound("no order " + orderNo + " in your scope"));
    }));
  }

  public Future<List<StoredOrder>> ordersInScope(StaffUser user, String status) {
    return orders.inScope(siteOf(user), citiesOf(user), status, 200);
  }

  public Future<OrderTransitions.Outcome> ready(StaffUser user, String orderNo) {
    return scoped(user, orderNo).compose(o -> transitions.move(orderNo, OrderStatus.READY, ActorRole.SITE_STAFF,
        event(user, "报告已找到并打包", o.stepKey("ready")), OrderColumns.NONE));
  }

  public Future<OrderTransitions.Outcome> unavailable(StaffUser user, String orderNo, String reason) {
    return scoped(user, orderNo).compose(o -> transitions.move(orderNo, OrderStatus.REFUNDING, ActorRole.SITE_STAFF,
        event(user, reason, o.stepKey("unavailable")),
        OrderColumns.refundReason("报告无法提供：" + reason)));
  }

  /** Opens a batch of the caller's READY orders; all or none, and no order in two open batches. */
  public Future<HandoverBatch> open(StaffUser user, List<String> orderNos) {
    List<String> unique = List.copyOf(new LinkedHashSet<>(orderNos));
    String handoverNo = "H" + OffsetDateTime.now(clock).format(DAY) + RandomCodes.of(OrderNumber.ALPHABET, 6);
    return pool.withTransaction(tx -> orders.lockAll(tx, unique).compose(found -> {
      List<String> problems = new ArrayList<>();
      for (String no : unique) {
        Optional<StoredOrder> o = found.stream().filter(x -> x.orderNo().equals(no)).findFirst();
        if (o.isEmpty() || !o.get().siteCode().equals(user.siteCode())) {
          problems.add(no + " is not an order of your site");
        } else if (o.get().status() != OrderStatus.READY) {
          problems.add(no + " is " + o.get().status() + ", not READY");
        }
      }
      if (!problems.isEmpty()) {
        return Future.failedFuture(ProblemException.invalid("orderNos", String.join("; ", problems)));
      }
      return batches.insert(tx, handoverNo, user.siteCode(), user.username(), unique)
          .compose(v -> batches.find(tx, handoverNo, false)).map(Optional::orElseThrow);
    })).recover(e -> UniqueViolation.is(e)
        ? Future.failedFuture(ProblemException.conflict("an order is already in another open handover batch"))
        : Future.failedFuture(e));
  }

  public Future<List<HandoverBatch>> batchesInScope(StaffUser user, String status) {
    return batches.inScope(siteOf(user), citiesOf(user), status);
  }

  public Future<HandoverBatch> batch(StaffUser user, String handoverNo) {
    return catalog.snapshot().compose(snapshot -> batches.find(handoverNo).compose(found -> {
      Optional<HandoverBatch> visible = found.filter(b -> user.covers(b.siteCode(),
          snapshot.site(b.siteCode()).map(s -> s.cityCode()).orElse("")));
      return visible.isPresent() ? Future.succeededFuture(visible.get())
          : Future.failedFuture(ProblemException.notFound("no handover batch " + handoverNo + " in your scope"));
    }));
  }

  /**
   * The courier confirms what arrived: those orders become HANDED_OVER, the rest stay READY and
   * are flagged for operations. One transaction; a second confirmation of the batch is refused.
   */
  public Future<HandoverBatch> confirm(StaffUser courier, String handoverNo, List<String> scanned) {
    return batch(courier, handoverNo).compose(visible -> pool.withTransaction(tx -> batches.find(tx, handoverNo, true)
        .compose(found -> {
          HandoverBatch b = found.orElseThrow();
          if (!"OPEN".equals(b.status())) {
            return Future.failedFuture(ProblemException.conflict("batch " + handoverNo + " was already confirmed by "
                + b.confirmedBy() + " at " + b.confirmedAt()));
          }
          List<String> strangers = scanned.stream().filter(no -> !b.orderNos().contains(OrderNumber.normalise(no))).toList();
          if (!strangers.isEmpty()) {
            return Future.failedFuture(ProblemException.invalid("received", "not in this batch: " + String.join(", ", strangers)));
          }
          List<String> received = b.orderNos().stream().filter(no -> scanned.stream().map(OrderNumber::normalise).anyMatch(no::equals)).toList();
          List<String> missing = b.orderNos().stream().filter(no -> !received.contains(no)).toList();
          OrderEvent event = event(courier, "邮政已接收，交接单 " + handoverNo, "handover:" + handoverNo);
          return orders.lockAll(tx, received).compose(locked -> {
            Future<Void> chain = Future.succeededFuture();
            for (StoredOrder o : locked) {
              chain = chain.compose(v -> transitions.moveWithin(tx, o, OrderStatus.HANDED_OVER, ActorRole.COURIER, event).mapEmpty());
            }
            return chain;
          }).compose(v -> missing.isEmpty() ? Future.succeededFuture() : orders.flag(tx, missing))
              .compose(v -> batches.confirm(tx, handoverNo, courier.username(), received, missing))
              .compose(v -> batches.find(tx, handoverNo, false)).map(Optional::orElseThrow);
        })));
  }

  private OrderEvent event(StaffUser user, String note, String key) {
    return new OrderEvent(user.hasRole("COURIER") ? ActorRole.COURIER : ActorRole.SITE_STAFF, user.username(),
        OffsetDateTime.now(clock), "", note, key);
  }

  private static String siteOf(StaffUser user) {
    return user.hasRole("SITE_STAFF") ? user.siteCode() : null;
  }

  private static List<String> citiesOf(StaffUser user) {
    return user.hasRole("COURIER") ? user.cityCodes() : null;
  }


}
