package cn.reportpost.handover;

import cn.reportpost.db.UniqueViolation;
import cn.reportpost.api.RandomCodes;
import cn.reportpost.catalog.Catalog;
import cn.reportpost.api.ProblemException;
import cn.reportpost.order.OrderEvent;
import cn.reportpost.order.OrderColumns;
import cn.reportpost.order.Orders;
import cn.reportpost.order.OrderTransitions;
import cn.reportpost.order.QueueQuery;
import cn.reportpost.order.QueuedOrder;
import cn.reportpost.order.StoredOrder;
import cn.reportpost.order.model.ActorRole;
import cn.reportpost.order.model.OrderNumber;
import cn.reportpost.order.model.OrderStatus;
import cn.reportpost.staff.StaffUser;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The site's side (reports found, packed, or unavailable) and the handover of READY orders to a
 * courier, with both sides recorded. Every action stays within the user's site or cities.
 */
public final class HandoverService {

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyMMdd");
  /** Orders site staff have no reason to see: nothing to find or pack. */
  private static final Set<OrderStatus> NEVER_PAID = EnumSet.of(OrderStatus.PENDING_PAYMENT, OrderStatus.CANCELLED,
      OrderStatus.CLOSED);

  private final Pool pool;
  private final Orders orders;
  private final OrderTransitions transitions;
  private final HandoverRepository batches;
  private final Catalog catalog;
  private final Clock clock;
  private final BatchOpened onOpened;

  public HandoverService(Pool pool, Orders orders, OrderTransitions transitions, HandoverRepository batches,
      Catalog catalog, Clock clock, BatchOpened onOpened) {
    this.pool = pool;
    this.orders = orders;
    this.transitions = transitions;
    this.batches = batches;
    this.catalog = catalog;
    this.clock = clock;
    this.onOpened = onOpened;
  }

  /**
   * The order if the user needs to see it; otherwise it does not exist for them. Site staff see
   * their site's orders once paid; couriers only the orders they confirmed receiving in a
   * handover; operations and admins every order.
   */
  public Future<StoredOrder> scoped(StaffUser user, String orderNo) {
    return scopedAll(user, List.of(orderNo)).map(found -> found.get(0));
  }

  /**
   * {@link #scoped} for many orders at once (one query), in the order asked; fails naming the
   * first that does not exist for the user.
   */
  public Future<List<StoredOrder>> scopedAll(StaffUser user, List<String> orderNos) {
    return catalog.snapshot().compose(snapshot -> orders.findAll(orderNos).compose(rows -> {
      Map<String, StoredOrder> visible = new HashMap<>();
      for (StoredOrder o : rows) {
        if (user.covers(o.siteCode(), snapshot.site(o.siteCode()).map(s -> s.cityCode()).orElse(""))
            && !(user.hasRole("SITE_STAFF") && NEVER_PAID.contains(o.status()))) {
          visible.put(o.orderNo(), o);
        }
      }
      // A courier sees only the orders he confirmed receiving.
      Future<Set<String>> received = user.hasRole("COURIER")
          ? batches.receivedBy(List.copyOf(visible.keySet()), user.username()) : Future.succeededFuture(visible.keySet());
      return received.compose(seen -> {
        for (String no : orderNos) {
          if (!seen.contains(no)) {
            return Future.failedFuture(ProblemException.notFound("no order " + no + " in your scope"));
          }
        }
        return Future.succeededFuture(orderNos.stream().map(visible::get).toList());
      });
    }));
  }

  /** The orders of a batch the caller may see (see {@link #batch}), whatever their own scope rules. */
  public Future<List<StoredOrder>> inBatch(HandoverBatch batch) {
    return orders.findAll(batch.orderNos()).map(rows -> {
      Map<String, StoredOrder> byNo = new HashMap<>();
      rows.forEach(o -> byNo.put(o.orderNo(), o));
      return batch.orderNos().stream().map(no -> Optional.ofNullable(byNo.get(no)).orElseThrow(
          () -> ProblemException.notFound("no order " + no + " in batch " + batch.handoverNo()))).toList();
    });
  }

  /**
   * A page of the orders in the user's scope, oldest first. OPS and ADMIN may narrow the province
   * to one site ({@code site}); for the others their scope is the limit.
   */
  public Future<List<QueuedOrder>> queue(StaffUser user, String site, String status, QueueQuery.Search search,
      QueueQuery.Position after, int limit) {
    String siteCode = user.hasRole("OPS", "ADMIN") ? site : siteOf(user);
    return orders.queue(new QueueQuery(siteCode, citiesOf(user), status, search, after, limit,
        user.hasRole("SITE_STAFF"), user.hasRole("COURIER") ? user.username() : null));
  }

  /** The labels of these orders (already checked to be in the user's scope) were printed. */
  public Future<Void> labelsPrinted(List<String> orderNos) {
    return orders.labelsPrinted(orderNos);
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
    return pool.withTransaction(tx -> readyOfSite(tx, user, unique)
        .compose(v -> batches.insert(tx, handoverNo, user.siteCode(), user.username(), unique))
        .compose(v -> batches.find(tx, handoverNo, false)).map(Optional::orElseThrow)
        .compose(b -> catalog.snapshot().compose(snapshot -> onOpened.opened(tx, b, snapshot)).map(b)))
        .recover(HandoverService::inAnotherBatch);
  }

  /** The OPEN batch's orders become {@code orderNos} (all READY orders of the site); those left out are free again. */
  public Future<HandoverBatch> replace(StaffUser user, String handoverNo, List<String> orderNos) {
    List<String> unique = List.copyOf(new LinkedHashSet<>(orderNos));
    return openBatchOfSite(user, handoverNo, (tx, b) -> readyOfSite(tx, user, unique)
        .compose(v -> batches.replaceOrders(tx, handoverNo, unique))
        .compose(v -> batches.find(tx, handoverNo, false)).map(Optional::orElseThrow))
        .recover(HandoverService::inAnotherBatch);
  }

  /** Calls off an OPEN batch: its orders stay READY and may go into another batch or be cancelled. */
  public Future<HandoverBatch> cancel(StaffUser user, String handoverNo) {
    return openBatchOfSite(user, handoverNo, (tx, b) -> batches.cancel(tx, handoverNo, user.username())
        .compose(v -> batches.find(tx, handoverNo, false)).map(Optional::orElseThrow));
  }

  /** Runs {@code change} in a transaction holding the batch, when it is an OPEN batch of the user's site. */
  private Future<HandoverBatch> openBatchOfSite(StaffUser user, String handoverNo,
      java.util.function.BiFunction<SqlConnection, HandoverBatch, Future<HandoverBatch>> change) {
    return batch(user, handoverNo).compose(visible -> pool.withTransaction(tx -> batches.find(tx, handoverNo, true)
        .compose(found -> {
          HandoverBatch b = found.orElseThrow();
          if (!"OPEN".equals(b.status())) {
            return Future.failedFuture(ProblemException.conflict("交接单 " + handoverNo + " 已"
                + ("CANCELLED".equals(b.status()) ? "取消" : "由邮政确认") + "，不能再修改"));
          }
          return change.apply(tx, b);
        })));
  }

  /** Fails unless every order exists, belongs to the user's site, and is READY (locked for the transaction). */
  private Future<Void> readyOfSite(SqlConnection tx, StaffUser user, List<String> orderNos) {
    return orders.lockAll(tx, orderNos).compose(found -> {
      List<String> problems = new ArrayList<>();
      for (String no : orderNos) {
        Optional<StoredOrder> o = found.stream().filter(x -> x.orderNo().equals(no)).findFirst();
        if (o.isEmpty() || !o.get().siteCode().equals(user.siteCode())) {
          problems.add(no + " 不是本采样点的订单");
        } else if (o.get().status() != OrderStatus.READY) {
          problems.add(no + " 状态为 " + o.get().status() + "，尚未打包（READY）");
        }
      }
      return problems.isEmpty() ? Future.succeededFuture()
          : Future.failedFuture(ProblemException.invalid("orderNos", String.join("；", problems)));
    });
  }

  private static <T> Future<T> inAnotherBatch(Throwable e) {
    return UniqueViolation.is(e)
        ? Future.failedFuture(ProblemException.conflict("有订单已在另一张未确认的交接单中，请先把它移出那张交接单"))
        : Future.failedFuture(e);
  }

  /** Batches in the user's scope, newest first; OPS and ADMIN may narrow it to one {@code site}. */
  public Future<List<HandoverBatch>> batchesInScope(StaffUser user, String site, String status) {
    return batches.inScope(user.hasRole("OPS", "ADMIN") ? site : siteOf(user), citiesOf(user), status);
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
          if ("CANCELLED".equals(b.status())) {
            return Future.failedFuture(ProblemException.conflict("batch " + handoverNo + " was cancelled by the site"));
          }
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
