package cn.reportpost.order.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class IdDocumentsTest {

  private static final LocalDate TODAY = LocalDate.of(2024, 3, 11);

  private static boolean ok(IdType type, String raw) {
    return IdDocuments.problem(type, IdDocuments.normalise(raw), TODAY).isEmpty();
  }

  @Test
  void normalisingTrimsAndUpperCasesSoASmallXPasses() {
    String id = IdNumbers.valid("110105", "19491231", "002");
    assertThat(id).endsWith("X");
    String typed = " " + id.toLowerCase() + " ";
    assertThat(IdDocuments.normalise(typed)).isEqualTo(id);
    assertThat(ok(IdType.ID_CARD, typed)).isTrue();
  }

  @Test
  void passportsAreFiveToSeventeenLettersOrDigits() {
    assertThat(ok(IdType.PASSPORT, "E12345678")).isTrue();
    assertThat(ok(IdType.PASSPORT, "ab123")).isTrue();
    assertThat(ok(IdType.PASSPORT, "A1234567890123456")).isTrue();
    assertThat(ok(IdType.PASSPORT, "A123")).isFalse();
    assertThat(ok(IdType.PASSPORT, "A12345678901234567")).isFalse();
    assertThat(ok(IdType.PASSPORT, "E1234-5678")).isFalse();
    assertThat(ok(IdType.PASSPORT, "E1234 5678")).isFalse();
  }

  @Test
  void hongKongAndMacaoPermits() {
    assertThat(ok(IdType.HK_MACAO_PERMIT, "C12345678")).isTrue();
    assertThat(ok(IdType.HK_MACAO_PERMIT, "CA1234567")).isTrue();
    assertThat(ok(IdType.HK_MACAO_PERMIT, "H12345678")).isTrue();
    assertThat(ok(IdType.HK_MACAO_PERMIT, "m1234567801")).isTrue();
    assertThat(ok(IdType.HK_MACAO_PERMIT, "C1234567")).isFalse();
    assertThat(ok(IdType.HK_MACAO_PERMIT, "H123456789")).isFalse();
    assertThat(ok(IdType.HK_MACAO_PERMIT, "K12345678")).isFalse();
    assertThat(ok(IdType.HK_MACAO_PERMIT, "12345678")).isFalse();
  }

  @Test
  void taiwanPermitsAreEightOrTenDigits() {
    assertThat(ok(IdType.TAIWAN_PERMIT, "12345678")).isTrue();
    assertThat(ok(IdType.TAIWAN_PERMIT, "1234567801")).isTrue();
    assertThat(ok(IdType.TAIWAN_PERMIT, "1234567")).isFalse();
    assertThat(ok(IdType.TAIWAN_PERMIT, "123456789")).isFalse();
    assertThat(ok(IdType.TAIWAN_PERMIT, "A123456789")).isFalse();
  }

  @Test
  void anIdCardNumberIsNotAcceptedAsAnotherDocumentByShapeAlone() {
    String id = IdNumbers.valid("140105", "19900307", "123");
    assertThat(ok(IdType.TAIWAN_PERMIT, id)).isFalse();
    assertThat(ok(IdType.HK_MACAO_PERMIT, id)).isFalse();
  }
}
