package cn.reportpost.order.model;

import static org.assertj.core.api.Assertions.assertThat;

import cn.reportpost.order.model.TransitionCheck.Verdict;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Checks the machine against PRODUCT.md §2, copied here by hand as text so that a slip in the
 * production table does not also slip into the expectation.
 */
class OrderStateMachineTest {

  /** from -> to : roles ; "reason" after a role means that role must give one. */
  private static final String EXPECTED = """
      PENDING_PAYMENT -> PAID : PAYMENT
      PENDING_PAYMENT -> CANCELLED : RESIDENT
      PENDING_PAYMENT -> CLOSED : SYSTEM
      CANCELLED -> REFUNDING : SYSTEM
      CLOSED -> REFUNDING : SYSTEM
      PAID -> REFUNDING : RESIDENT, SITE_STAFF reason, OPS reason
      READY -> REFUNDING : RESIDENT, SITE_STAFF reason, OPS reason
      REFUNDING -> REFUNDED : PAYMENT, OPS reason
      PAID -> READY : SITE_STAFF
      READY -> HANDED_OVER : COURIER
      HANDED_OVER -> POSTED : COURIER
      POSTED -> IN_TRANSIT : COURIER, CARRIER
      IN_TRANSIT -> OUT_FOR_DELIVERY : COURIER, CARRIER
      OUT_FOR_DELIVERY -> DELIVERED : COURIER, CARRIER
      OUT_FOR_DELIVERY -> DELIVERY_FAILED : COURIER reason, CARRIER reason
      DELIVERY_FAILED -> OUT_FOR_DELIVERY : COURIER, CARRIER
      DELIVERY_FAILED -> RETURNED : COURIER, CARRIER
      POSTED -> PAID : OPS reason
      IN_TRANSIT -> PAID : OPS reason
      OUT_FOR_DELIVERY -> PAID : OPS reason
      DELIVERED -> PAID : OPS reason
      DELIVERY_FAILED -> PAID : OPS reason
      RETURNED -> PAID : OPS reason
      """;

  /** key "FROM>TO>ROLE" -> reason required. */
  private static Map<String, Boolean> expected() {
    Map<String, Boolean> table = new HashMap<>();
    EXPECTED.lines().forEach(line -> {
      String[] sides = line.split(":");
      String[] move = sides[0].split("->");
      for (String role : sides[1].split(",")) {
        String[] words = role.trim().split(" ");
        table.put(key(OrderStatus.valueOf(move[0].trim()), OrderStatus.valueOf(move[1].trim()),
            ActorRole.valueOf(words[0])), words.length > 1 && words[1].equals("reason"));
      }
    });
    return table;
  }

  private static String key(OrderStatus from, OrderStatus to, ActorRole actor) {
    return from + ">" + to + ">" + actor;
  }

  @Test
  void everyExpectedMoveIsAllowedWithItsReasonRuleAndNothingElseIs() {
    Map<String, Boolean> expected = expected();
    assertThat(expected).hasSize(34);
    int allowed = 0;
    for (OrderStatus from : OrderStatus.values()) {
      for (OrderStatus to : OrderStatus.values()) {
        if (from == to) {
          continue;
        }
        for (ActorRole actor : ActorRole.values()) {
          TransitionCheck check = OrderStateMachine.check(from, to, actor);
          Boolean reason = expected.get(key(from, to, actor));
          String where = key(from, to, actor);
          if (reason == null) {
            assertThat(check.verdict()).as(where).isEqualTo(Verdict.REFUSED);
            assertThat(check.message()).as(where).contains(from.name()).contains(to.name());
          } else {
            allowed++;
            assertThat(check.verdict()).as(where).isEqualTo(Verdict.ALLOWED);
            assertThat(check.reasonRequired()).as(where).isEqualTo(reason);
            assertThat(check.from()).isEqualTo(from);
            assertThat(check.to()).isEqualTo(to);
            assertThat(check.actor()).isEqualTo(actor);
            assertThat(check.message()).isEmpty();
          }
        }
      }
    }
    assertThat(allowed).isEqualTo(expected.size());
    assertThat(OrderStateMachine.transitions()).hasSize(expected.size());
  }

  @Test
  void asAReplayTheCurrentStatusIsAlreadyThereForAnActorThatCanCauseItAndRefusedForOthers() {
    Map<OrderStatus, List<ActorRole>> causers = new HashMap<>();
    expected().keySet().forEach(k -> {
      String[] parts = k.split(">");
      causers.computeIfAbsent(OrderStatus.valueOf(parts[1]), s -> new ArrayList<>())
          .add(ActorRole.valueOf(parts[2]));
    });
    for (OrderStatus status : OrderStatus.values()) {
      for (ActorRole actor : ActorRole.values()) {
        TransitionCheck check = OrderStateMachine.check(status, status, actor);
        boolean canCause = causers.getOrDefault(status, List.of()).contains(actor);
        assertThat(check.verdict()).as(status + " by " + actor)
            .isEqualTo(canCause ? Verdict.ALREADY_THERE : Verdict.REFUSED);
        assertThat(check.isSuccess()).isEqualTo(canCause);
      }
    }
  }

  @Test
  void namedReplaysAnswerSuccessWithoutAMove() {
    TransitionCheck notifyAgain = OrderStateMachine.check(OrderStatus.PAID, OrderStatus.PAID,
        ActorRole.PAYMENT);
    assertThat(notifyAgain.isAlreadyThere()).isTrue();
    assertThat(notifyAgain.to()).isEqualTo(OrderStatus.PAID);
    assertThat(OrderStateMachine.check(OrderStatus.DELIVERED, OrderStatus.DELIVERED,
        ActorRole.COURIER).isAlreadyThere()).isTrue();
    assertThat(OrderStateMachine.check(OrderStatus.PENDING_PAYMENT, OrderStatus.PENDING_PAYMENT,
        ActorRole.RESIDENT).isRefused()).isTrue();
  }

  @Test
  void refusalsSayWhatIsWrongInPlainWords() {
    assertThat(OrderStateMachine.check(OrderStatus.POSTED, OrderStatus.READY,
        ActorRole.SITE_STAFF).message())
        .isEqualTo("an order in status POSTED cannot become READY");
    assertThat(OrderStateMachine.check(OrderStatus.PAID, OrderStatus.READY,
        ActorRole.RESIDENT).message())
        .isEqualTo("an order in status PAID becomes READY only by SITE_STAFF, not by RESIDENT");
    assertThat(OrderStateMachine.check(OrderStatus.DELIVERED, OrderStatus.DELIVERED,
        ActorRole.RESIDENT).message())
        .isEqualTo("a RESIDENT cannot put an order into status DELIVERED");
  }

  @Test
  void onlyDeliveredRefundedAndReturnedAreTerminal() {
    for (OrderStatus status : OrderStatus.values()) {
      boolean terminal = status == OrderStatus.DELIVERED || status == OrderStatus.REFUNDED
          || status == OrderStatus.RETURNED;
      assertThat(OrderStateMachine.isTerminal(status)).as(status.name()).isEqualTo(terminal);
    }
  }

  @Test
  void theRecipientMayChangeOnlyBeforeTheOrderIsPostedAndWhileItIsAlive() {
    for (OrderStatus status : OrderStatus.values()) {
      boolean expected = switch (status) {
        case PENDING_PAYMENT, PAID, READY, HANDED_OVER -> true;
        default -> false;
      };
      assertThat(OrderStateMachine.recipientMayChange(status)).as(status.name())
          .isEqualTo(expected);
    }
  }

  @Test
  void couriersPostOnlyTheStatusesAfterPosted() {
    assertThat(OrderStateMachine.courierEventTypes()).containsExactlyInAnyOrder(
        OrderStatus.IN_TRANSIT, OrderStatus.OUT_FOR_DELIVERY, OrderStatus.DELIVERED,
        OrderStatus.DELIVERY_FAILED, OrderStatus.RETURNED);
    assertThat(OrderStateMachine.isCourierEventType(OrderStatus.POSTED)).isFalse();
    assertThat(OrderStateMachine.isCourierEventType(OrderStatus.DELIVERED)).isTrue();
  }

  @Test
  void aFailedDeliveryGoesOutAgainOrBackToTheSender() {
    assertThat(OrderStateMachine.targets(OrderStatus.DELIVERY_FAILED, ActorRole.COURIER))
        .containsExactlyInAnyOrder(OrderStatus.OUT_FOR_DELIVERY, OrderStatus.RETURNED);
    assertThat(OrderStateMachine.targets(OrderStatus.DELIVERY_FAILED, ActorRole.RESIDENT))
        .isEmpty();
  }

  @Test
  void aCarrierScanWalksTheOrderThroughEveryStageItSkippedInOrder() {
    Set<OrderStatus> posted = EnumSet.of(OrderStatus.PENDING_PAYMENT, OrderStatus.PAID, OrderStatus.READY,
        OrderStatus.HANDED_OVER, OrderStatus.POSTED);
    assertThat(OrderStateMachine.carrierPath(OrderStatus.POSTED, OrderStatus.IN_TRANSIT, posted))
        .containsExactly(OrderStatus.IN_TRANSIT);
    assertThat(OrderStateMachine.carrierPath(OrderStatus.POSTED, OrderStatus.DELIVERED, posted))
        .containsExactly(OrderStatus.IN_TRANSIT, OrderStatus.OUT_FOR_DELIVERY, OrderStatus.DELIVERED);
    assertThat(OrderStateMachine.carrierPath(OrderStatus.POSTED, OrderStatus.RETURNED, posted)).containsExactly(
        OrderStatus.IN_TRANSIT, OrderStatus.OUT_FOR_DELIVERY, OrderStatus.DELIVERY_FAILED, OrderStatus.RETURNED);
  }

  @Test
  void aCarrierScanNeverTakesAnOrderBackNorMakesAStageTwice() {
    Set<OrderStatus> failedOnce = EnumSet.of(OrderStatus.POSTED, OrderStatus.IN_TRANSIT, OrderStatus.OUT_FOR_DELIVERY,
        OrderStatus.DELIVERY_FAILED);
    assertThat(OrderStateMachine.carrierPath(OrderStatus.DELIVERY_FAILED, OrderStatus.IN_TRANSIT, failedOnce))
        .as("a stage passed").isEmpty();
    assertThat(OrderStateMachine.carrierPath(OrderStatus.DELIVERY_FAILED, OrderStatus.OUT_FOR_DELIVERY, failedOnce))
        .as("out for delivery again is the courier's call, or the way to a delivery").isEmpty();
    assertThat(OrderStateMachine.carrierPath(OrderStatus.DELIVERY_FAILED, OrderStatus.DELIVERED, failedOnce))
        .containsExactly(OrderStatus.OUT_FOR_DELIVERY, OrderStatus.DELIVERED);
    assertThat(OrderStateMachine.carrierPath(OrderStatus.OUT_FOR_DELIVERY, OrderStatus.DELIVERY_FAILED,
        EnumSet.of(OrderStatus.POSTED, OrderStatus.OUT_FOR_DELIVERY, OrderStatus.DELIVERY_FAILED)))
        .as("failed before, out again: a late scan of the first failure").isEmpty();
    assertThat(OrderStateMachine.carrierPath(OrderStatus.IN_TRANSIT, OrderStatus.IN_TRANSIT,
        EnumSet.of(OrderStatus.IN_TRANSIT))).isEmpty();
  }

  @Test
  void aCarrierScanFindsNoWayOutOfAnEndedOrderNorIntoOneNotYetPosted() {
    Set<OrderStatus> delivered = EnumSet.of(OrderStatus.POSTED, OrderStatus.IN_TRANSIT, OrderStatus.OUT_FOR_DELIVERY,
        OrderStatus.DELIVERED);
    assertThat(OrderStateMachine.carrierPath(OrderStatus.DELIVERED, OrderStatus.RETURNED, delivered)).isEmpty();
    assertThat(OrderStateMachine.carrierPath(OrderStatus.HANDED_OVER, OrderStatus.IN_TRANSIT,
        EnumSet.of(OrderStatus.HANDED_OVER))).as("only a courier posts an order").isEmpty();
    assertThat(OrderStateMachine.carrierPath(OrderStatus.REFUNDED, OrderStatus.DELIVERED,
        EnumSet.of(OrderStatus.REFUNDED))).isEmpty();
  }
}
