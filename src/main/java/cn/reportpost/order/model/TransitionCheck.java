package cn.reportpost.order.model;

/**
 * The answer of {@link OrderStateMachine} to "may this actor move the order to that status now?".
 *
 * @param verdict        what the caller should do
 * @param actor          who asked
 * @param from           the order's current status
 * @param to             the status the write leads to (for {@link Verdict#ALREADY_THERE}: the
 *                       current one, since nothing is written)
 * @param reasonRequired true when the move is only valid with a non-blank reason or note
 * @param message        a sentence for a person, empty unless refused
 */
public record TransitionCheck(Verdict verdict, ActorRole actor, OrderStatus from, OrderStatus to,
    boolean reasonRequired, String message) {

  public enum Verdict {
    /** Write the move, guarded on {@code from}, and append the timeline event. */
    ALLOWED,
    /** The order is already where this request wants it: change nothing, answer success. */
    ALREADY_THERE,
    /** Not possible now, or not by this actor: change nothing, answer an error. */
    REFUSED
  }

  static TransitionCheck allowed(Transition transition) {
    return new TransitionCheck(Verdict.ALLOWED, transition.actor(), transition.from(),
        transition.to(), transition.reasonRequired(), "");
  }

  static TransitionCheck alreadyThere(ActorRole actor, OrderStatus current) {
    return new TransitionCheck(Verdict.ALREADY_THERE, actor, current, current, false, "");
  }

  static TransitionCheck refused(ActorRole actor, OrderStatus from, OrderStatus to,
      String message) {
    return new TransitionCheck(Verdict.REFUSED, actor, from, to, false, message);
  }

  public boolean isAllowed() {
    return verdict == Verdict.ALLOWED;
  }

  public boolean isAlreadyThere() {
    return verdict == Verdict.ALREADY_THERE;
  }

  public boolean isRefused() {
    return verdict == Verdict.REFUSED;
  }

  /** Success for the caller: either the move is to be written or it already was. */
  public boolean isSuccess() {
    return verdict != Verdict.REFUSED;
  }
}
