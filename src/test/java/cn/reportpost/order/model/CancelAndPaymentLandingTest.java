package cn.reportpost.order.model;

import static org.assertj.core.api.Assertions.assertThat;

import cn.reportpost.order.model.TransitionCheck.Verdict;
import org.junit.jupiter.api.Test;

/** The two decisions that depend on the current status rather than on a target status. */
class CancelAndPaymentLandingTest {

  @Test
  void residentCancelOfEveryStatus() {
    for (OrderStatus status : OrderStatus.values()) {
      TransitionCheck check = OrderStateMachine.residentCancel(status);
      assertThat(check.actor()).isEqualTo(ActorRole.RESIDENT);
      switch (status) {
        case PENDING_PAYMENT -> expect(check, Verdict.ALLOWED, OrderStatus.CANCELLED);
        case PAID, READY -> expect(check, Verdict.ALLOWED, OrderStatus.REFUNDING);
        case CANCELLED, REFUNDING, REFUNDED -> expect(check, Verdict.ALREADY_THERE, status);
        default -> {
          assertThat(check.verdict()).as(status.name()).isEqualTo(Verdict.REFUSED);
          assertThat(check.message())
              .isEqualTo("an order in status " + status + " can no longer be cancelled");
        }
      }
    }
  }

  @Test
  void aResidentCancelNeverNeedsAReason() {
    assertThat(OrderStateMachine.residentCancel(OrderStatus.PAID).reasonRequired()).isFalse();
  }

  @Test
  void paymentOfEveryStatus() {
    for (OrderStatus status : OrderStatus.values()) {
      TransitionCheck check = OrderStateMachine.paymentConfirmed(status);
      switch (status) {
        case PENDING_PAYMENT -> {
          expect(check, Verdict.ALLOWED, OrderStatus.PAID);
          assertThat(check.actor()).isEqualTo(ActorRole.PAYMENT);
        }
        case CANCELLED, CLOSED -> {
          expect(check, Verdict.ALLOWED, OrderStatus.REFUNDING);
          assertThat(check.actor()).isEqualTo(ActorRole.SYSTEM);
        }
        // Reached only after the payment was recorded: the notify is a repeat, not a new refund.
        default -> expect(check, Verdict.ALREADY_THERE, status);
      }
    }
  }

  @Test
  void aSecondNotifyAfterALatePaymentWasRefundedDoesNotRefundAgain() {
    TransitionCheck first = OrderStateMachine.paymentConfirmed(OrderStatus.CLOSED);
    assertThat(first.isAllowed()).isTrue();
    TransitionCheck second = OrderStateMachine.paymentConfirmed(first.to());
    assertThat(second.isAlreadyThere()).isTrue();
    assertThat(OrderStateMachine.paymentConfirmed(OrderStatus.REFUNDED).isAlreadyThere()).isTrue();
  }

  private static void expect(TransitionCheck check, Verdict verdict, OrderStatus to) {
    assertThat(check.verdict()).as(check.from().name()).isEqualTo(verdict);
    assertThat(check.to()).as(check.from().name()).isEqualTo(to);
  }
}
