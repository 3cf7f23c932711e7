package cn.reportpost.order.model;

import cn.reportpost.api.BodyReader;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Validates the order-creation body of PRODUCT.md §3, given as parsed JSON (Maps, Lists, Strings,
 * Numbers, Booleans), and reports every bad field at once by its JSON path. Unknown fields are
 * ignored. Whether the site exists and accepts orders is the caller's question: it needs the
 * catalog.
 */
public final class OrderDraftValidator {

  public static final int DEFAULT_MAX_SAMPLE_AGE_DAYS = 14;

  private static final Pattern SITE_CODE = Pattern.compile("[A-Z0-9]{2,16}");
  private static final DateTimeFormatter ISO_DATE =
      DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);

  private final Clock clock;
  private final int maxSampleAgeDays;

  public OrderDraftValidator(Clock clock) {
    this(clock, DEFAULT_MAX_SAMPLE_AGE_DAYS);
  }

  public OrderDraftValidator(Clock clock, int maxSampleAgeDays) {
    if (maxSampleAgeDays < 0) {
      throw new IllegalArgumentException("maxSampleAgeDays must not be negative");
    }
    this.clock = Objects.requireNonNull(clock, "clock");
    this.maxSampleAgeDays = maxSampleAgeDays;
  }

  /** The order-creation body. */
  public Validated<OrderDraft> validate(Map<String, Object> body) {
    BodyReader in = new BodyReader();
    LocalDate today = ServiceDate.today(clock);
    String siteCode = in.text(body, "siteCode", "siteCode", 1, 30);
    if (siteCode != null && !SITE_CODE.matcher(siteCode).matches()) {
      in.fail("siteCode", "must be 2 to 16 capital letters or digits");
    }
    Map<String, Object> patientBody = in.object(body, "patient", "patient");
    Patient patient = patientBody == null ? null : patient(in, patientBody, today);
    LocalDate sampledOn = sampledOn(in, body, today);
    Map<String, Object> recipientBody = in.object(body, "recipient", "recipient");
    Recipient recipient = recipientBody == null ? null : recipient(in, recipientBody, "recipient.");
    Long copies = in.wholeNumber(body, "copies", "copies");
    if (copies != null && (copies < 1 || copies > 3)) {
      in.fail("copies", "must be 1, 2 or 3");
    }
    String remark = in.optionalText(body, "remark", "remark", 200);
    if (!in.errors().isEmpty()) {
      return Validated.invalid(in.errors());
    }
    return Validated.valid(new OrderDraft(siteCode, patient, sampledOn, recipient,
        copies == null ? 1 : copies.intValue(), remark == null ? "" : remark));
  }

  /** The body of a recipient change: the recipient object itself, fields at the top level. */
  public Validated<Recipient> validateRecipient(Map<String, Object> body) {
    BodyReader in = new BodyReader();
    Recipient recipient = recipient(in, body, "");
    return in.errors().isEmpty() ? Validated.valid(recipient) : Validated.invalid(in.errors());
  }

  private static Patient patient(BodyReader in, Map<String, Object> body, LocalDate today) {
    String name = in.text(body, "name", "patient.name", 1, 30);
    IdType idType = idType(in, body);
    String idNumber = in.text(body, "idNumber", "patient.idNumber", 1, 30);
    if (idNumber != null) {
      idNumber = IdDocuments.normalise(idNumber);
      if (idType != null) {
        IdDocuments.problem(idType, idNumber, today)
            .ifPresent(message -> in.fail("patient.idNumber", message));
      }
    }
    String phone = mobile(in, body, "patient.phone");
    return new Patient(name, idType, idNumber, phone);
  }

  private static IdType idType(BodyReader in, Map<String, Object> body) {
    String text = in.text(body, "idType", "patient.idType", 1, 30);
    if (text == null) {
      return null;
    }
    for (IdType type : IdType.values()) {
      if (type.name().equals(text)) {
        return type;
      }
    }
    in.fail("patient.idType",
        "must be one of ID_CARD, PASSPORT, HK_MACAO_PERMIT, TAIWAN_PERMIT");
    return null;
  }

  private static Recipient recipient(BodyReader in, Map<String, Object> body, String prefix) {
    String name = in.text(body, "name", prefix + "name", 1, 30);
    String phone = mobile(in, body, prefix + "phone");
    String province = in.text(body, "province", prefix + "province", 1, 30);
    if (province != null) {
      String full = Provinces.canonical(province).orElse(null);
      if (full == null) {
        in.fail(prefix + "province",
            "must be a province-level division of mainland China, such as 山西省");
      }
      province = full;
    }
    String city = in.text(body, "city", prefix + "city", 1, 30);
    String district = in.text(body, "district", prefix + "district", 1, 30);
    String address = in.text(body, "address", prefix + "address", 5, 120);
    return new Recipient(name, phone, province, city, district, address);
  }

  private static String mobile(BodyReader in, Map<String, Object> body, String path) {
    String raw = in.text(body, "phone", path, 1, 30);
    if (raw == null) {
      return null;
    }
    String phone = MobilePhones.normalise(raw).orElse(null);
    if (phone == null) {
      in.fail(path, "must be a mainland mobile number: 11 digits starting 13 to 19");
    }
    return phone;
  }

  private LocalDate sampledOn(BodyReader in, Map<String, Object> body, LocalDate today) {
    String text = in.text(body, "sampledOn", "sampledOn", 1, 30);
    if (text == null) {
      return null;
    }
    LocalDate date;
    try {
      date = LocalDate.parse(text, ISO_DATE);
    } catch (DateTimeParseException e) {
      in.fail("sampledOn", "must be a real date written YYYY-MM-DD");
      return null;
    }
    if (date.isAfter(today)) {
      in.fail("sampledOn", "must not be in the future");
    } else if (date.isBefore(today.minusDays(maxSampleAgeDays))) {
      in.fail("sampledOn", "must be within the last " + maxSampleAgeDays + " days");
    }
    return date;
  }
}
