package cn.reportpost.order.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WaybillNumberTest {

  /** S10 check digit written out independently of production: 10 -> 0, 11 -> 5. */
  private static String s10(String service, String serial, String country) {
    int[] weights = {8, 6, 4, 2, 3, 5, 9, 7};
    int sum = 0;
    for (int i = 0; i < 8; i++) {
      sum += Character.getNumericValue(serial.charAt(i)) * weights[i];
    }
    int[] checkForRemainder = {5, 0, 9, 8, 7, 6, 5, 4, 3, 2, 1};
    return service + serial + checkForRemainder[sum % 11] + country;
  }

  @Test
  void publishedExamplesAreValid() {
    assertThat(WaybillNumber.problem("EE123456785CN")).isEmpty();
    assertThat(WaybillNumber.problem("AA473124829GB")).isEmpty();
  }

  @Test
  void computedS10NumbersAreValidIncludingBothSpecialCases() {
    assertThat(s10("EA", "00000000", "CN")).as("remainder 0 gives 5").isEqualTo("EA000000005CN");
    assertThat(s10("EA", "00000008", "CN")).as("remainder 1 gives 0").isEqualTo("EA000000080CN");
    for (int n = 0; n < 100_000_000; n += 9_876_543) {
      String number = s10("EM", String.format("%08d", n), "CN");
      assertThat(WaybillNumber.isValid(number)).as(number).isTrue();
    }
    assertThat(WaybillNumber.isValid("EA000000005CN")).isTrue();
    assertThat(WaybillNumber.isValid("EA000000080CN")).isTrue();
  }

  @Test
  void everyWrongCheckDigitIsCaught() {
    String valid = s10("EE", "20240311", "CN");
    for (char digit = '0'; digit <= '9'; digit++) {
      String number = valid.substring(0, 10) + digit + valid.substring(11);
      assertThat(WaybillNumber.isValid(number)).as(number).isEqualTo(number.equals(valid));
    }
    assertThat(WaybillNumber.problem("EE123456784CN"))
        .hasValue("has a wrong check digit; please scan or type it again");
  }

  @Test
  void domesticNumbersAreThirteenDigits() {
    assertThat(WaybillNumber.isValid("1234567890123")).isTrue();
    assertThat(WaybillNumber.isValid("123456789012")).isFalse();
    assertThat(WaybillNumber.isValid("12345678901234")).isFalse();
  }

  @Test
  void otherShapesAreRefusedWithTheFormsThatAreAccepted() {
    for (String bad : new String[] {"", "EE12345678CN", "EE1234567855CN", "E1123456785CN",
        "EE123456785C1", "1E123456785CN", "EE12345678X5CN", "SF1234567890"}) {
      assertThat(WaybillNumber.problem(bad)).as(bad)
          .hasValue("must be 13 digits, or 2 letters, 9 digits and 2 letters (UPU S10)");
    }
  }

  @Test
  void normalisingUpperCasesAndDropsSpaces() {
    assertThat(WaybillNumber.normalise(" ee 1234 5678 5 cn ")).isEqualTo("EE123456785CN");
    assertThat(WaybillNumber.isValid(WaybillNumber.normalise("ee123456785cn"))).isTrue();
    assertThat(WaybillNumber.isValid("ee123456785cn")).as("not normalised").isFalse();
  }

  @Test
  void theCheckDigitNeedsEightDigits() {
    assertThat(WaybillNumber.s10CheckDigit("12345678")).isEqualTo('5');
    assertThatThrownBy(() -> WaybillNumber.s10CheckDigit("1234567"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
