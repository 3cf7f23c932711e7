package cn.reportpost.order.model;

import cn.reportpost.api.BodyReader;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;
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
  private final Divisions divisions;

  public OrderDraftValidator(Clock clock) {
    this(clock, DEFAULT_MAX_SAMPLE_AGE_DAYS);
  }

  public OrderDraftValidator(Clock clock, int maxSampleAgeDays) {
    this(clock, maxSampleAgeDays, Divisions.standard());
  }

  public OrderDraftValidator(Clock clock, int maxSampleAgeDays, Divisions divisions) {
    if (maxSampleAgeDays < 0) {
      throw new IllegalArgumentException("maxSampleAgeDays must not be negative");
    }
    this.clock = Objects.requireNonNull(clock, "clock");
    this.maxSampleAgeDays = maxSampleAgeDays;
    this.divisions = Objects.requireNonNull(divisions, "divisions");
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

  /**
   * Where the report goes. With codes (the pages send them) the codes decide and the names are
   * taken from the division data; with names only (older clients) the names must name a city of
   * the province and a district of that city. Either way a city outside the province is refused.
   */
  private Recipient recipient(BodyReader in, Map<String, Object> body, String prefix) {
    String name = in.text(body, "name", prefix + "name", 1, 30);
    String phone = mobile(in, body, prefix + "phone");
    String provinceCode = in.optionalText(body, "provinceCode", prefix + "provinceCode", 12);
    String cityCode = in.optionalText(body, "cityCode", prefix + "cityCode", 12);
    String districtCode = in.optionalText(body, "districtCode", prefix + "districtCode", 12);
    Divisions.Place place = provinceCode != null || cityCode != null || districtCode != null
        ? byCodes(in, prefix, provinceCode, cityCode, districtCode)
        : byNames(in, body, prefix);
    String address = in.text(body, "address", prefix + "address", 5, 120);
    if (place == null) {
      return new Recipient(name, phone, null, null, null, address, null, null, null);
    }
    return new Recipient(name, phone, place.province().name(), place.city().name(), place.district().name(), address,
        place.province().code(), place.city().code(), place.district().code());
  }

  private Divisions.Place byCodes(BodyReader in, String prefix, String provinceCode, String cityCode,
      String districtCode) {
    Divisions.Division province = divisions.find(provinceCode).filter(d -> d.parentCode().isEmpty()).orElse(null);
    if (province == null) {
      in.fail(prefix + "provinceCode", provinceCode == null ? "is required with cityCode and districtCode"
          : "must be the GB/T 2260 code of a mainland province, such as 14 for 山西省");
      return null;
    }
    if (cityCode == null || !divisions.contains(province.code(), cityCode)) {
      in.fail(prefix + "cityCode", cityCode == null ? "is required with provinceCode" : "is not a city of " + province.name());
      return null;
    }
    Divisions.Division city = divisions.find(cityCode).orElseThrow();
    if (districtCode == null || !divisions.contains(city.code(), districtCode)) {
      in.fail(prefix + "districtCode", districtCode == null ? "is required with cityCode" : "is not a district of " + city.name());
      return null;
    }
    return new Divisions.Place(province, city, divisions.find(districtCode).orElseThrow());
  }

  private Divisions.Place byNames(BodyReader in, Map<String, Object> body, String prefix) {
    String provinceName = in.text(body, "province", prefix + "province", 1, 30);
    Divisions.Division province = null;
    if (provinceName != null) {
      province = Provinces.canonical(provinceName).flatMap(divisions::province).orElse(null);
      if (province == null) {
        in.fail(prefix + "province", "must be a province-level division of mainland China, such as 山西省");
      }
    }
    String cityName = in.text(body, "city", prefix + "city", 1, 30);
    String districtName = in.text(body, "district", prefix + "district", 1, 30);
    if (province == null || cityName == null || districtName == null) {
      return null;
    }
    List<Divisions.Division> cities = divisions.named(province, cityName);
    if (cities.isEmpty()) {
      in.fail(prefix + "city", "is not a city of " + province.name());
      return null;
    }
    // Chongqing has two cities of one name: the district tells which.
    for (Divisions.Division city : cities) {
      List<Divisions.Division> districts = divisions.named(city, districtName);
      if (!districts.isEmpty()) {
        return new Divisions.Place(province, city, districts.get(0));
      }
    }
    in.fail(prefix + "district", "is not a district of " + cities.get(0).name());
    return null;
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
