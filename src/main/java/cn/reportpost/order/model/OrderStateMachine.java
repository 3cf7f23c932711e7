package cn.reportpost.order.model;

import static cn.reportpost.order.model.ActorRole.CARRIER;
import static cn.reportpost.order.model.ActorRole.COURIER;
import static cn.reportpost.order.model.ActorRole.OPS;
import static cn.reportpost.order.model.ActorRole.PAYMENT;
import static cn.reportpost.order.model.ActorRole.RESIDENT;
import static cn.reportpost.order.model.ActorRole.SITE_STAFF;
import static cn.reportpost.order.model.ActorRole.SYSTEM;
import static cn.reportpost.order.model.OrderStatus.*;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The order lifecycle of PRODUCT.md §2 as one table, and the questions the service layer asks of
 * it. Pure functions: the caller reads the current status, asks here, then writes guarded on that
 * status, so a concurrent move makes the write miss instead of skipping a check.
 *
 * <p>Replays. A request whose target is the current status is {@code ALREADY_THERE} when its
 * actor could have caused that status: no move in the table loops back to its own status, so such
 * a request can only be a repeat of what already happened. A late event for a status the order has
 * since moved past is refused here; exact repeats of those are recognised earlier by the event's
 * idempotency key, which only the database knows.
 */
public final class OrderStateMachine {

  private static final List<Transition> TRANSITIONS = List.of(
      move(PENDING_PAYMENT, PAID, PAYMENT),
      move(PENDING_PAYMENT, CANCELLED, RESIDENT),
      move(PENDING_PAYMENT, CLOSED, SYSTEM),
      // A payment that lands on a dead order is refunded by ReportPost itself (PRODUCT.md: system).
      move(CANCELLED, REFUNDING, SYSTEM),
      move(CLOSED, REFUNDING, SYSTEM),
      move(PAID, REFUNDING, RESIDENT),
      withReason(PAID, REFUNDING, SITE_STAFF),
      move(READY, REFUNDING, RESIDENT),
      withReason(READY, REFUNDING, SITE_STAFF),
      move(REFUNDING, REFUNDED, PAYMENT),
      move(PAID, READY, SITE_STAFF),
      move(READY, HANDED_OVER, COURIER),
      move(HANDED_OVER, POSTED, COURIER),
      move(POSTED, IN_TRANSIT, COURIER),
      move(IN_TRANSIT, OUT_FOR_DELIVERY, COURIER),
      move(OUT_FOR_DELIVERY, DELIVERED, COURIER),
      withReason(OUT_FOR_DELIVERY, DELIVERY_FAILED, COURIER),
      move(DELIVERY_FAILED, OUT_FOR_DELIVERY, COURIER),
      move(DELIVERY_FAILED, RETURNED, COURIER),
      // The carrier's scans make the courier's moves after POSTED: whoever reports a stage first moves the order.
      move(POSTED, IN_TRANSIT, CARRIER),
      move(IN_TRANSIT, OUT_FOR_DELIVERY, CARRIER),
      move(OUT_FOR_DELIVERY, DELIVERED, CARRIER),
      withReason(OUT_FOR_DELIVERY, DELIVERY_FAILED, CARRIER),
      move(DELIVERY_FAILED, OUT_FOR_DELIVERY, CARRIER),
      move(DELIVERY_FAILED, RETURNED, CARRIER),
      // Operations: a refund before the report left the site, a refund paid back outside WeChat Pay,
      // and an after-sales reship, which puts a sent order back into its site's queue.
      withReason(PAID, REFUNDING, OPS),
      withReason(READY, REFUNDING, OPS),
      withReason(REFUNDING, REFUNDED, OPS),
      withReason(POSTED, PAID, OPS),
      withReason(IN_TRANSIT, PAID, OPS),
      withReason(OUT_FOR_DELIVERY, PAID, OPS),
      withReason(DELIVERED, PAID, OPS),
      withReason(DELIVERY_FAILED, PAID, OPS),
      withReason(RETURNED, PAID, OPS));

  private static final Set<OrderStatus> BEFORE_POSTED =
      Collections.unmodifiableSet(EnumSet.of(PENDING_PAYMENT, PAID, READY, HANDED_OVER));

  private static final Set<OrderStatus> COURIER_EVENT_TYPES = Collections.unmodifiableSet(
      EnumSet.of(IN_TRANSIT, OUT_FOR_DELIVERY, DELIVERED, DELIVERY_FAILED, RETURNED));

  private OrderStateMachine() {}

  /** Every allowed move, one entry per actor role. */
  public static List<Transition> transitions() {
    return TRANSITIONS;
  }

  /** May {@code actor} move an order from {@code current} to {@code target}? */
  public static TransitionCheck check(OrderStatus current, OrderStatus target, ActorRole actor) {
    if (current == target) {
      return canLeadTo(target, actor)
          ? TransitionCheck.alreadyThere(actor, current)
          : TransitionCheck.refused(actor, current, target,
              "a " + actor + " cannot put an order into status " + target);
    }
    Optional<Transition> own = find(current, target, actor);
    if (own.isPresent()) {
      return TransitionCheck.allowed(own.get());
    }
    List<ActorRole> others = TRANSITIONS.stream()
        .filter(t -> t.from() == current && t.to() == target)
        .map(Transition::actor)
        .toList();
    String message = others.isEmpty()
        ? "an order in status " + current + " cannot become " + target
        : "an order in status " + current + " becomes " + target + " only by "
            + joinRoles(others) + ", not by " + actor;
    return TransitionCheck.refused(actor, current, target, message);
  }

  /** The table entry for this move by this actor, if there is one. */
  public static Optional<Transition> find(OrderStatus from, OrderStatus to, ActorRole actor) {
    return TRANSITIONS.stream()
        .filter(t -> t.from() == from && t.to() == to && t.actor() == actor)
        .findFirst();
  }

  /** The statuses {@code actor} may move an order in {@code current} to. */
  public static Set<OrderStatus> targets(OrderStatus current, ActorRole actor) {
    Set<OrderStatus> targets = EnumSet.noneOf(OrderStatus.class);
    TRANSITIONS.stream()
        .filter(t -> t.from() == current && t.actor() == actor)
        .forEach(t -> targets.add(t.to()));
    return Collections.unmodifiableSet(targets);
  }

  /**
   * No move leaves this status in the order's own course. Not CANCELLED or CLOSED: a late payment
   * refunds. An operator's after-sales reship may still reopen a DELIVERED or RETURNED order.
   */
  public static boolean isTerminal(OrderStatus status) {
    return TRANSITIONS.stream().noneMatch(t -> t.from() == status && t.actor() != OPS);
  }

  /** The statuses an operator's reship starts from: the report left the site. */
  public static boolean mayReship(OrderStatus status) {
    return find(status, PAID, OPS).isPresent();
  }

  /** Before POSTED the recipient may still change the address (PRODUCT.md §3). */
  public static boolean recipientMayChange(OrderStatus status) {
    return BEFORE_POSTED.contains(status);
  }

  /** The statuses a courier may post as an event (the {@code type} of the events endpoint). */
  public static Set<OrderStatus> courierEventTypes() {
    return COURIER_EVENT_TYPES;
  }

  public static boolean isCourierEventType(OrderStatus status) {
    return COURIER_EVENT_TYPES.contains(status);
  }

  /**
   * The statuses a carrier scan meaning {@code stage} walks an order in {@code current} through, in
   * order and ending with {@code stage}: the shortest way by the carrier's moves, so a scan that
   * skipped a stage (a trail with no 派件 before its 签收) still passes each one in order. Empty when
   * the order was in {@code stage} before ({@code visited}: every status on its timeline, whoever
   * caused it), so a scan never takes an order back nor makes a stage twice; empty too when no way
   * leads there (a late scan does not reopen a delivered order).
   */
  public static List<OrderStatus> carrierPath(OrderStatus current, OrderStatus stage, Set<OrderStatus> visited) {
    if (current == stage || visited.contains(stage)) {
      return List.of();
    }
    Map<OrderStatus, OrderStatus> cameFrom = new EnumMap<>(OrderStatus.class);
    ArrayDeque<OrderStatus> queue = new ArrayDeque<>(List.of(current));
    while (!queue.isEmpty() && !cameFrom.containsKey(stage)) {
      OrderStatus at = queue.poll();
      for (OrderStatus next : targets(at, CARRIER)) {
        if (next != current && cameFrom.putIfAbsent(next, at) == null) {
          queue.add(next);
        }
      }
    }
    if (!cameFrom.containsKey(stage)) {
      return List.of();
    }
    List<OrderStatus> path = new ArrayList<>();
    for (OrderStatus s = stage; s != current; s = cameFrom.get(s)) {
      path.add(0, s);
    }
    return List.copyOf(path);
  }

  /**
   * What a resident's cancel does: PENDING_PAYMENT becomes CANCELLED, PAID and READY become
   * REFUNDING. Repeating a cancel after it took effect (CANCELLED, REFUNDING, REFUNDED) is
   * ALREADY_THERE; any other status is refused.
   */
  public static TransitionCheck residentCancel(OrderStatus current) {
    return switch (current) {
      case PENDING_PAYMENT -> check(current, CANCELLED, RESIDENT);
      case PAID, READY -> check(current, REFUNDING, RESIDENT);
      case CANCELLED, REFUNDING, REFUNDED -> TransitionCheck.alreadyThere(RESIDENT, current);
      default -> TransitionCheck.refused(RESIDENT, current, CANCELLED,
          "an order in status " + current + " can no longer be cancelled");
    };
  }

  /**
   * What a confirmed payment (verified notify, or a query answering SUCCESS) does: PENDING_PAYMENT
   * becomes PAID (actor PAYMENT); a CANCELLED or CLOSED order goes to REFUNDING (actor SYSTEM).
   * Every other status can only have been reached after this payment was recorded, so the
   * payment is a repeat: ALREADY_THERE, and never a second refund.
   */
  public static TransitionCheck paymentConfirmed(OrderStatus current) {
    return switch (current) {
      case PENDING_PAYMENT -> check(current, PAID, PAYMENT);
      case CANCELLED, CLOSED -> check(current, REFUNDING, SYSTEM);
      default -> TransitionCheck.alreadyThere(PAYMENT, current);
    };
  }

  private static boolean canLeadTo(OrderStatus target, ActorRole actor) {
    return TRANSITIONS.stream().anyMatch(t -> t.to() == target && t.actor() == actor);
  }

  private static String joinRoles(List<ActorRole> roles) {
    return String.join(" or ", roles.stream().map(Enum::name).toList());
  }

  private static Transition move(OrderStatus from, OrderStatus to, ActorRole actor) {
    return new Transition(from, to, actor, false);
  }

  private static Transition withReason(OrderStatus from, OrderStatus to, ActorRole actor) {
    return new Transition(from, to, actor, true);
  }
}
