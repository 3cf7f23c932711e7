package cn.reportpost.order.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChineseIdCardTest {

  private static final LocalDate TODAY = LocalDate.of(2024, 3, 11);

  /** The problem of a number built with a correct check character from these parts. */
  private static Optional<String> problemOf(String region, String birth, String seq) {
    return ChineseIdCard.problem(IdNumbers.valid(region, birth, seq), TODAY);
  }

  @Test
  void theExamplesOfTheStandardHaveTheRightCheckCharacter() {
    assertThat(ChineseIdCard.problem("11010519491231002X", TODAY)).isEmpty();
    assertThat(ChineseIdCard.checkCharacter("11010519491231002")).isEqualTo('X');
    assertThat(ChineseIdCard.checkCharacter("44052418800101001")).isEqualTo('4');
    // Born 1880: right check character, but nobody that old is being sampled.
    assertThat(ChineseIdCard.problem("440524188001010014", TODAY))
        .hasValue("does not contain a plausible birth date");
  }

  @Test
  void theCheckCharacterAgreesWithAnIndependentComputationForManyNumbers() {
    for (int seq = 0; seq < 1000; seq += 7) {
      String id = IdNumbers.valid("140105", "19900307", String.format("%03d", seq));
      assertThat(ChineseIdCard.checkCharacter(id.substring(0, 17))).as(id).isEqualTo(id.charAt(17));
      assertThat(ChineseIdCard.problem(id, TODAY)).as(id).isEmpty();
    }
  }

  @Test
  void aWrongCheckCharacterIsCalledATypo() {
    String id = IdNumbers.withWrongCheck(IdNumbers.valid("140105", "19900307", "123"));
    assertThat(ChineseIdCard.problem(id, TODAY)).hasValueSatisfying(m -> assertThat(m)
        .contains("check digit"));
  }

  @Test
  void twoSwappedDigitsAreCaught() {
    String id = IdNumbers.valid("140105", "19900307", "123");
    String swapped = id.substring(0, 14) + id.charAt(15) + id.charAt(14) + id.substring(16);
    assertThat(ChineseIdCard.problem(swapped, TODAY)).isPresent();
  }

  @Test
  void theShapeMustBeSeventeenDigitsAndACheckCharacter() {
    assertThat(ChineseIdCard.problem("14010519900307123", TODAY)).hasValue(
        "must be 18 characters: 17 digits and a check digit (0-9 or X)");
    assertThat(ChineseIdCard.problem("1401051990030712345", TODAY)).isPresent();
    assertThat(ChineseIdCard.problem("14010519900307123A", TODAY)).isPresent();
    assertThat(ChineseIdCard.problem("14010519900307123x", TODAY)).as("not normalised").isPresent();
    assertThat(ChineseIdCard.problem("1401O5199003071234", TODAY)).isPresent();
  }

  @Test
  void theRegionMustBeAMainlandProvinceCode() {
    assertThat(problemOf("940105", "19900307", "123"))
        .hasValue("does not start with a mainland region code");
    assertThat(problemOf("000000", "19900307", "123")).isPresent();
    assertThat(problemOf("190105", "19900307", "123")).isPresent();
    assertThat(problemOf("650102", "19900307", "123")).isEmpty();
  }

  @Test
  void theBirthDateMustBeRealAndNotInTheFuture() {
    assertThat(problemOf("140105", "19900230", "123"))
        .hasValue("does not contain a real birth date");
    assertThat(problemOf("140105", "19901301", "123")).isPresent();
    assertThat(problemOf("140105", "20000229", "123")).as("leap day").isEmpty();
    assertThat(problemOf("140105", "19000229", "123")).as("1900 was no leap year").isPresent();
    assertThat(problemOf("140105", "20240311", "001")).as("born today").isEmpty();
    assertThat(problemOf("140105", "20240312", "001"))
        .hasValue("does not contain a plausible birth date");
    assertThat(problemOf("140105", "18991231", "001")).isPresent();
  }

  @Test
  void theCheckCharacterNeedsSeventeenDigits() {
    assertThatThrownBy(() -> ChineseIdCard.checkCharacter("1234"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ChineseIdCard.checkCharacter("1401051990030712X"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
