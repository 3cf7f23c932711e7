package cn.reportpost.order.model;

import static cn.reportpost.order.model.OrderBodies.patientOf;
import static cn.reportpost.order.model.OrderBodies.recipientOf;
import static org.assertj.core.api.Assertions.assertThat;

import cn.reportpost.api.FieldError;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OrderDraftValidatorTest {

  /** 2024-03-10 23:30 in UTC is already 2024-03-11 07:30 in Shanghai. */
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2024-03-10T23:30:00Z"), ZoneOffset.UTC);
  private final OrderDraftValidator validator = new OrderDraftValidator(CLOCK);

  private List<FieldError> errors(Map<String, Object> body) {
    Validated<OrderDraft> result = validator.validate(body);
    assertThat(result.isValid()).as("expected errors").isFalse();
    return result.errors();
  }

  private List<String> fields(Map<String, Object> body) {
    return errors(body).stream().map(FieldError::field).toList();
  }

  @Test
  void aGoodBodyGivesANormalisedDraft() {
    Map<String, Object> body = OrderBodies.valid();
    patientOf(body).put("idNumber", " " + OrderBodies.PATIENT_ID.toLowerCase() + " ");
    recipientOf(body).put("province", "山西");
    OrderDraft draft = validator.validate(body).value();
    assertThat(draft.siteCode()).isEqualTo("TY001");
    assertThat(draft.patient()).isEqualTo(
        new Patient("张三", IdType.ID_CARD, OrderBodies.PATIENT_ID, "13812341234"));
    assertThat(draft.sampledOn()).hasToString("2024-03-10");
    assertThat(draft.recipient()).isEqualTo(new Recipient("李四", "13900001111", "山西省",
        "太原市", "小店区", "长治路 100 号 2 单元 301", "14", "1401", "140105"));
    assertThat(draft.recipient().inShanxi()).isTrue();
    assertThat(draft.copies()).isEqualTo(1);
    assertThat(draft.remark()).isEqualTo("请放门卫");
  }

  @Test
  void anEmptyBodyNamesEveryRequiredFieldAtOnce() {
    assertThat(errors(new HashMap<>())).containsExactly(
        new FieldError("siteCode", "is required"),
        new FieldError("patient", "is required"),
        new FieldError("sampledOn", "is required"),
        new FieldError("recipient", "is required"));
  }

  @Test
  void emptyNestedObjectsNameEveryInnerField() {
    Map<String, Object> body = OrderBodies.valid();
    body.put("patient", new HashMap<>());
    body.put("recipient", new HashMap<>());
    assertThat(fields(body)).containsExactly("patient.name", "patient.idType",
        "patient.idNumber", "patient.phone", "recipient.name", "recipient.phone",
        "recipient.province", "recipient.city", "recipient.district", "recipient.address");
  }

  @Test
  void wrongTypesAreErrorsNotCoercions() {
    Map<String, Object> body = OrderBodies.valid();
    body.put("siteCode", 1001);
    patientOf(body).put("phone", 13812341234L);
    body.put("sampledOn", List.of("2024-03-10"));
    body.put("recipient", "太原市小店区");
    body.put("copies", "2");
    body.put("remark", true);
    assertThat(errors(body)).containsExactly(
        new FieldError("siteCode", "must be text"),
        new FieldError("patient.phone", "must be text"),
        new FieldError("sampledOn", "must be text"),
        new FieldError("recipient", "must be an object"),
        new FieldError("copies", "must be a number"),
        new FieldError("remark", "must be text"));
  }

  @Test
  void copiesDefaultToOneAndAcceptOneToThreeAsAnyWholeJsonNumber() {
    Map<String, Object> body = OrderBodies.valid();
    body.remove("copies");
    assertThat(validator.validate(body).value().copies()).isEqualTo(1);
    body.put("copies", null);
    assertThat(validator.validate(body).value().copies()).isEqualTo(1);
    for (Object copies : new Object[] {3, 3L, 3.0}) {
      body.put("copies", copies);
      assertThat(validator.validate(body).value().copies()).as(copies.getClass().getName())
          .isEqualTo(3);
    }
    for (Object copies : new Object[] {0, 4, -1L, Long.MAX_VALUE}) {
      body.put("copies", copies);
      assertThat(errors(body)).containsExactly(new FieldError("copies", "must be 1, 2 or 3"));
    }
    body.put("copies", 1.5);
    assertThat(errors(body)).containsExactly(new FieldError("copies", "must be a whole number"));
    body.put("copies", 1e300);
    assertThat(errors(body)).containsExactly(new FieldError("copies", "must be a whole number"));
  }

  @Test
  void controlCharactersAreRefusedInEveryTextField() {
    String[] controls = {"\n", "\t", "\u0000", "\u007f", "\u0085", "\u2028", "\u202e"};
    for (String control : controls) {
      Map<String, Object> body = OrderBodies.valid();
      patientOf(body).put("name", "张" + control + "三");
      recipientOf(body).put("address", "长治路 100 号" + control);
      body.put("remark", control);
      assertThat(errors(body)).as(control.codePointAt(0) + "").containsExactly(
          new FieldError("patient.name", "must not contain control characters"),
          new FieldError("recipient.address", "must not contain control characters"),
          new FieldError("remark", "must not contain control characters"));
    }
  }

  @Test
  void blankRequiredTextIsMissingAndBlankRemarkIsNone() {
    Map<String, Object> body = OrderBodies.valid();
    patientOf(body).put("name", " \u3000 ");
    body.put("remark", "   ");
    assertThat(errors(body)).containsExactly(new FieldError("patient.name", "is required"));
    patientOf(body).put("name", "张三");
    assertThat(validator.validate(body).value().remark()).isEmpty();
  }

  @Test
  void lengthsCountCharactersNotBytesOrUtf16Units() {
    Map<String, Object> body = OrderBodies.valid();
    // 𠀀 (U+20000) is one character in two UTF-16 units; thirty of them are a valid name.
    patientOf(body).put("name", "\uD840\uDC00".repeat(30));
    recipientOf(body).put("address", "长".repeat(120));
    body.put("remark", "好".repeat(200));
    assertThat(validator.validate(body).isValid()).isTrue();
    patientOf(body).put("name", "\uD840\uDC00".repeat(31));
    recipientOf(body).put("address", "长".repeat(121));
    recipientOf(body).put("city", "太".repeat(31));
    recipientOf(body).put("district", "小".repeat(31));
    body.put("remark", "好".repeat(201));
    assertThat(errors(body)).containsExactly(
        new FieldError("patient.name", "must be at most 30 characters long"),
        new FieldError("recipient.city", "must be at most 30 characters long"),
        new FieldError("recipient.district", "must be at most 30 characters long"),
        new FieldError("recipient.address", "must be at most 120 characters long"),
        new FieldError("remark", "must be at most 200 characters long"));
    recipientOf(body).put("address", "长治路1");
    assertThat(errors(body)).contains(
        new FieldError("recipient.address", "must be 5 to 120 characters long"));
  }

  @Test
  void siteCodesAreTwoToSixteenCapitalLettersOrDigits() {
    Map<String, Object> body = OrderBodies.valid();
    for (String good : new String[] {"TY", "TY001", "A234567890123456"}) {
      body.put("siteCode", good);
      assertThat(validator.validate(body).isValid()).as(good).isTrue();
    }
    for (String bad : new String[] {"T", "ty001", "TY-001", "A2345678901234567", "ＴＹ001"}) {
      body.put("siteCode", bad);
      assertThat(errors(body)).as(bad).containsExactly(
          new FieldError("siteCode", "must be 2 to 16 capital letters or digits"));
    }
  }
}
