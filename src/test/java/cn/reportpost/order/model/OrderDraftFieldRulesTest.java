package cn.reportpost.order.model;

import static cn.reportpost.order.model.OrderBodies.patientOf;
import static cn.reportpost.order.model.OrderBodies.recipientOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.reportpost.api.FieldError;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OrderDraftFieldRulesTest {

  /** 2024-03-10 16:00 UTC is midnight starting 2024-03-11 in Shanghai. */
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2024-03-10T16:00:00Z"), ZoneOffset.UTC);
  private final OrderDraftValidator validator = new OrderDraftValidator(CLOCK);

  private List<FieldError> errors(OrderDraftValidator v, Map<String, Object> body) {
    return v.validate(body).errors();
  }

  private List<FieldError> errors(Map<String, Object> body) {
    return errors(validator, body);
  }

  @Test
  void theSampleDateIsTodayInShanghaiOrUpToFourteenDaysBack() {
    Map<String, Object> body = OrderBodies.valid();
    for (String good : new String[] {"2024-03-11", "2024-02-26"}) {
      body.put("sampledOn", good);
      assertThat(errors(body)).as(good).isEmpty();
    }
    body.put("sampledOn", "2024-03-12");
    assertThat(errors(body)).containsExactly(
        new FieldError("sampledOn", "must not be in the future"));
    body.put("sampledOn", "2024-02-25");
    assertThat(errors(body)).containsExactly(
        new FieldError("sampledOn", "must be within the last 14 days"));
  }

  @Test
  void theWindowIsConfigurable() {
    OrderDraftValidator threeDays = new OrderDraftValidator(CLOCK, 3);
    Map<String, Object> body = OrderBodies.valid();
    body.put("sampledOn", "2024-03-08");
    assertThat(errors(threeDays, body)).isEmpty();
    body.put("sampledOn", "2024-03-07");
    assertThat(errors(threeDays, body)).containsExactly(
        new FieldError("sampledOn", "must be within the last 3 days"));
    assertThatThrownBy(() -> new OrderDraftValidator(CLOCK, -1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theSampleDateMustBeARealIsoDate() {
    Map<String, Object> body = OrderBodies.valid();
    for (String bad : new String[] {"2024-3-10", "2024-02-30", "20240310", "2024-03-10T08:00",
        "10/03/2024", "2024-13-01", "yesterday"}) {
      body.put("sampledOn", bad);
      assertThat(errors(body)).as(bad).containsExactly(
          new FieldError("sampledOn", "must be a real date written YYYY-MM-DD"));
    }
  }

  @Test
  void documentTypesAreTheFourOfTheProduct() {
    Map<String, Object> body = OrderBodies.valid();
    patientOf(body).put("idType", "id_card");
    assertThat(errors(body)).containsExactly(new FieldError("patient.idType",
        "must be one of ID_CARD, PASSPORT, HK_MACAO_PERMIT, TAIWAN_PERMIT"));
    patientOf(body).put("idType", "PASSPORT");
    patientOf(body).put("idNumber", "e12345678");
    assertThat(validator.validate(body).value().patient().idNumber()).isEqualTo("E12345678");
  }

  @Test
  void idNumberProblemsAreReportedOnTheIdNumberField() {
    Map<String, Object> body = OrderBodies.valid();
    patientOf(body).put("idNumber", IdNumbers.withWrongCheck(OrderBodies.PATIENT_ID));
    assertThat(errors(body)).extracting(FieldError::field).containsExactly("patient.idNumber");
    patientOf(body).put("idNumber", IdNumbers.valid("140105", "20240312", "001"));
    assertThat(errors(body)).containsExactly(
        new FieldError("patient.idNumber", "does not contain a plausible birth date"));
    patientOf(body).put("idType", "TAIWAN_PERMIT");
    patientOf(body).put("idNumber", "1234567");
    assertThat(errors(body)).containsExactly(
        new FieldError("patient.idNumber", "must be 8 or 10 digits"));
  }

  @Test
  void anUnknownDocumentTypeDoesNotHideAMissingNumber() {
    Map<String, Object> body = OrderBodies.valid();
    patientOf(body).put("idType", "DRIVING_LICENCE");
    patientOf(body).remove("idNumber");
    assertThat(errors(body)).extracting(FieldError::field)
        .containsExactly("patient.idType", "patient.idNumber");
  }

  @Test
  void phonesAreMainlandMobilesAndNormalised() {
    Map<String, Object> body = OrderBodies.valid();
    patientOf(body).put("phone", "+86 138-1234-1234");
    assertThat(validator.validate(body).value().patient().phone()).isEqualTo("13812341234");
    patientOf(body).put("phone", "0351-5550001");
    recipientOf(body).put("phone", "12345678901");
    assertThat(errors(body)).containsExactly(
        new FieldError("patient.phone",
            "must be a mainland mobile number: 11 digits starting 13 to 19"),
        new FieldError("recipient.phone",
            "must be a mainland mobile number: 11 digits starting 13 to 19"));
  }

  @Test
  void reportsGoAnywhereInTheMainlandButNotAbroad() {
    Map<String, Object> body = OrderBodies.valid();
    recipientOf(body).put("province", "广西壮族自治区");
    recipientOf(body).put("city", "南宁市");
    recipientOf(body).put("district", "青秀区");
    Recipient recipient = validator.validate(body).value().recipient();
    assertThat(recipient.province()).isEqualTo("广西壮族自治区");
    assertThat(recipient.inShanxi()).isFalse();
    recipientOf(body).put("province", "香港特别行政区");
    assertThat(errors(body)).containsExactly(new FieldError("recipient.province",
        "must be a province-level division of mainland China, such as 山西省"));
  }

  @Test
  void aRecipientChangeIsValidatedWithTopLevelFieldNames() {
    Map<String, Object> change = OrderBodies.recipient();
    change.put("province", "陕西省");
    change.put("city", "西安市");
    change.put("district", "雁塔区");
    assertThat(validator.validateRecipient(change).value().inShanxi()).isFalse();
    change.remove("address");
    change.put("phone", "110");
    assertThat(validator.validateRecipient(change).errors()).extracting(FieldError::field)
        .containsExactly("phone", "address");
  }

  @Test
  void unknownFieldsAreIgnored() {
    Map<String, Object> body = OrderBodies.valid();
    body.put("amountFen", 1);
    patientOf(body).put("nickname", "\n");
    assertThat(errors(body)).isEmpty();
  }

  @Test
  void aNestedObjectMayBeAnyIterableOfNamedEntriesLikeAJsonObject() {
    Map<String, Object> body = OrderBodies.valid();
    Iterable<Map.Entry<String, Object>> entries = OrderBodies.recipient().entrySet()::iterator;
    body.put("recipient", entries);
    assertThat(validator.validate(body).value().recipient().city()).isEqualTo("太原市");
    body.put("recipient", List.of(Map.entry("name", "李四")));
    assertThat(errors(body)).containsExactly(new FieldError("recipient", "must be an object"));
  }

  @Test
  void validatedHoldsEitherAValueOrErrors() {
    Validated<String> bad = Validated.invalid(List.of(new FieldError("f", "m")));
    assertThat(bad.isValid()).isFalse();
    assertThatThrownBy(bad::value).hasMessageContaining("f");
    assertThatThrownBy(() -> Validated.invalid(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
