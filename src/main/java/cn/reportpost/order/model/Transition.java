package cn.reportpost.order.model;

import java.util.Objects;

/**
 * One allowed move of the order state machine, for one actor role. The same move may appear
 * once per role with different rules: site staff must give a reason to refund a paid order, the
 * resident cancelling it need not.
 */
public record Transition(OrderStatus from, OrderStatus to, ActorRole actor,
    boolean reasonRequired) {

  public Transition {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(actor, "actor");
    if (from == to) {
      throw new IllegalArgumentException("a transition must change the status: " + from);
    }
  }
}
