package cn.reportpost.order;

import cn.reportpost.api.ProblemException;
import cn.reportpost.order.model.ActorRole;
import cn.reportpost.order.model.OrderStateMachine;
import cn.reportpost.order.model.OrderStatus;
import cn.reportpost.order.model.TransitionCheck;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Moves an order through its lifecycle for anyone: resident, staff, courier, payment, jobs. Reads
 * the status, asks the state machine, writes guarded on what it read; when another writer got
 * there first it reads again and decides again, a few times at most.
 */
public final class OrderTransitions {

  /** The outcome: the order's status afterwards, and whether this call changed anything. */
  public record Outcome(StoredOrder before, OrderStatus status, boolean changed) {}

  /** Decides the target from the current status (a cancel leads to CANCELLED or REFUNDING, say). */
  public interface Decision {
    TransitionCheck decide(StoredOrder order);
  }

  private static final int ATTEMPTS = 3;
  /** How long a mover waits for what follows a commit at once; after that it follows on the next run. */
  private static final Duration AFTER_COMMIT_WAIT = Duration.ofSeconds(3);

  private final OrderRepository repository;
  private final OrderSideEffects sideEffects;

  public OrderTransitions(OrderRepository repository, OrderSideEffects sideEffects) {
    this.repository = repository;
    this.sideEffects = sideEffects;
  }

  /** Moves to {@code target} as {@code actor}. */
  public Future<Outcome> move(String orderNo, OrderStatus target, ActorRole actor, OrderEvent event,
      OrderColumns sets) {
    return apply(orderNo, order -> OrderStateMachine.check(order.status(), target, actor), event, sets);
  }

  /** Moves wherever {@code decision} says, given the order as it is now. */
  public Future<Outcome> apply(String orderNo, Decision decision, OrderEvent event, OrderColumns sets) {
    return attempt(orderNo, decision, event, sets, 1);
  }

  private Future<Outcome> attempt(String orderNo, Decision decision, OrderEvent event, OrderColumns sets,
      int attempt) {
    return repository.find(orderNo).compose(found -> {
      if (found.isEmpty()) {
        return Future.failedFuture(ProblemException.notFound("no order " + orderNo));
      }
      StoredOrder order = found.get();
      // An event seen before is a replay whatever the order did since: success, nothing changes.
      return repository.eventSeen(orderNo, event.idempotencyKey()).compose(seen -> seen
          ? Future.succeededFuture(new Outcome(order, order.status(), false))
          : decideAndMove(order, decision, event, sets, attempt));
    });
  }

  private Future<Outcome> decideAndMove(StoredOrder order, Decision decision, OrderEvent event, OrderColumns sets,
      int attempt) {
    String orderNo = order.orderNo();
    TransitionCheck check = decision.decide(order);
    if (check.isRefused()) {
      return Future.failedFuture(ProblemException.conflict(check.message()));
    }
    if (check.reasonRequired() && event.note().isBlank()) {
      return Future.failedFuture(ProblemException.invalid("note", "a reason is required for " + check.to()));
    }
    if (check.isAlreadyThere()) {
      return Future.succeededFuture(new Outcome(order, order.status(), false));
    }
    Function<SqlConnection, Future<Void>> alsoDo = tx -> notInOpenBatch(tx, orderNo, check.to())
        .compose(v -> sideEffects.onTransition(tx, order, check.to(), event));
    return repository.move(orderNo, check.from(), check.to(), sets, event, alsoDo).compose(result -> switch (result) {
      case MOVED -> afterCommit(order, check.to()).map(new Outcome(order, check.to(), true));
      case REPLAYED -> repository.find(orderNo).map(now -> new Outcome(order, now.orElseThrow().status(), false));
      case MISSED -> attempt < ATTEMPTS
          ? attempt(orderNo, decision, event, sets, attempt + 1)
          : Future.failedFuture(ProblemException.conflict("order " + orderNo + " is changing; try again"));
    });
  }

  /**
   * An order in an OPEN handover batch is on its way to the courier: it leaves the batch before it
   * may be cancelled or refunded. Checked inside the move's transaction, after the order row is
   * locked, so a batch opened at the same moment is seen (opening one locks the orders too).
   */
  private Future<Void> notInOpenBatch(SqlConnection tx, String orderNo, OrderStatus to) {
    if (to != OrderStatus.REFUNDING && to != OrderStatus.CANCELLED) {
      return Future.succeededFuture();
    }
    return repository.openHandover(tx, orderNo).compose(batch -> batch.isEmpty() ? Future.<Void>succeededFuture()
        : Future.failedFuture(ProblemException.conflict("订单 " + orderNo + " 在交接单 " + batch.get()
            + " 中，请先把它移出交接单")));
  }

  private Future<Void> afterCommit(StoredOrder order, OrderStatus to) {
    Future<Void> after = sideEffects.afterCommit(order, to);
    // Most transitions have nothing to follow at once: no timer for those.
    return after.isComplete() ? after.otherwiseEmpty()
        : after.timeout(AFTER_COMMIT_WAIT.toMillis(), TimeUnit.MILLISECONDS).otherwiseEmpty();
  }

  /**
   * Moves one order inside a transaction the caller holds, from the status it has now (read by
   * the caller, locked with the transaction): for batches that must succeed or fail together.
   */
  public Future<OrderRepository.MoveResult> moveWithin(SqlConnection tx, StoredOrder order, OrderStatus target,
      ActorRole actor, OrderEvent event) {
    TransitionCheck check = OrderStateMachine.check(order.status(), target, actor);
    if (check.isRefused()) {
      return Future.failedFuture(ProblemException.conflict(order.orderNo() + ": " + check.message()));
    }
    if (check.isAlreadyThere()) {
      return Future.succeededFuture(OrderRepository.MoveResult.REPLAYED);
    }
    return repository.moveIn(tx, order.orderNo(), check.from(), check.to(), OrderColumns.NONE, event,
        t -> sideEffects.onTransition(t, order, check.to(), event));
  }
}
