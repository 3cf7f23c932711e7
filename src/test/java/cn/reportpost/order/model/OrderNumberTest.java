package cn.reportpost.order.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class OrderNumberTest {

  /** 16:30 UTC on the 10th is 00:30 on the 11th in Beijing. */
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2024-03-10T16:30:00Z"), ZoneOffset.UTC);
  private static final String ALL_SYMBOLS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

  private final OrderNumberGenerator generator = new OrderNumberGenerator(CLOCK, new Random(7));

  private List<String> sample(int count) {
    return IntStream.range(0, count).mapToObj(i -> generator.next()).toList();
  }

  @Test
  void aKnownNumberIsWellFormed() {
    assertThat(OrderNumber.isWellFormed("RP240311K7QM2XA3")).isTrue();
    assertThat(OrderNumber.isWellFormed("RP240311K7QM2XA4")).isFalse();
  }

  @Test
  void newNumbersCarryTheBeijingDateAndAreValidWeChatTradeNumbers() {
    for (String number : sample(200)) {
      assertThat(number).startsWith("RP240311").hasSize(16).matches("[0-9A-Za-z]{6,32}");
      assertThat(number.substring(8)).doesNotContain("0", "O", "1", "I", "L");
      assertThat(OrderNumber.isWellFormed(number)).as(number).isTrue();
    }
  }

  @Test
  void theDefaultGeneratorUsesSecureRandomnessAndDoesNotRepeat() {
    OrderNumberGenerator secure = new OrderNumberGenerator(CLOCK);
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      assertThat(seen.add(secure.next())).isTrue();
    }
  }

  @Test
  void everySingleWrongCharacterIsDetected() {
    for (String number : sample(20)) {
      for (int position = 0; position < number.length(); position++) {
        for (char other : ALL_SYMBOLS.toCharArray()) {
          if (other == number.charAt(position)) {
            continue;
          }
          String typo = number.substring(0, position) + other + number.substring(position + 1);
          assertThat(OrderNumber.isWellFormed(typo)).as(typo).isFalse();
        }
      }
    }
  }

  @Test
  void everySwapOfTwoNeighboursIsDetected() {
    for (String number : sample(200)) {
      for (int i = 0; i + 1 < number.length(); i++) {
        if (number.charAt(i) == number.charAt(i + 1)) {
          continue;
        }
        String swapped = number.substring(0, i) + number.charAt(i + 1) + number.charAt(i)
            + number.substring(i + 2);
        assertThat(OrderNumber.isWellFormed(swapped)).as(swapped).isFalse();
      }
    }
  }

  @Test
  void otherShapesAreNotOrderNumbers() {
    String number = generator.next();
    assertThat(OrderNumber.isWellFormed(null)).isFalse();
    assertThat(OrderNumber.isWellFormed("")).isFalse();
    assertThat(OrderNumber.isWellFormed(number.toLowerCase())).isFalse();
    assertThat(OrderNumber.isWellFormed(OrderNumber.normalise(" " + number.toLowerCase())))
        .isTrue();
    assertThat(OrderNumber.isWellFormed(number + "2")).isFalse();
    assertThat(OrderNumber.isWellFormed("XX" + number.substring(2))).isFalse();
  }

  @Test
  void theDateMustBeReal() {
    String random = "ABCDEFG";
    String feb30 = "RP240230" + random + OrderNumber.checkCharacter("240230", random);
    String feb29 = "RP240229" + random + OrderNumber.checkCharacter("240229", random);
    assertThat(OrderNumber.isWellFormed(feb30)).isFalse();
    assertThat(OrderNumber.isWellFormed(feb29)).isTrue();
  }

  @Test
  void theRefundNumberIsDerivedSoRetriesReuseIt() {
    String number = generator.next();
    assertThat(OrderNumber.refundNumber(number)).isEqualTo(number + "R1")
        .isEqualTo(OrderNumber.refundNumber(number))
        .matches("[0-9A-Za-z_\\-|*@]{6,64}");
    assertThatThrownBy(() -> OrderNumber.refundNumber("RP240311K7QM2XA4"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
