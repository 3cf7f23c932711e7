package cn.reportpost.order;

import cn.reportpost.order.model.OrderStatus;
import cn.reportpost.privacy.PersonalData;
import io.vertx.sqlclient.Row;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.Set;

/**
 * An order row as stored: personal fields still sealed (see {@link PersonalColumn}), all null once
 * erased ({@code personalDataErasedAt} then says when).
 */
public record StoredOrder(String orderNo, long residentId, String siteCode, OrderStatus status, int amountFen,
    String patientNameEnc, String patientIdType, String patientIdEnc, String patientPhoneEnc, LocalDate sampledOn,
    String recipientNameEnc, String recipientPhoneEnc, String province, String city, String district,
    String addressEnc, int copies, String remark, String requestHash, String payAppId, String prepayId,
    OffsetDateTime prepayExpiresAt, String transactionId, String refundReason, String waybillNo, boolean flagged,
    OffsetDateTime createdAt, OffsetDateTime updatedAt, OffsetDateTime personalDataErasedAt,
    String provinceCode, String cityCode, String districtCode, int reshipCount) {

  static final String COLUMNS = """
      order_no, resident_id, site_code, status, amount_fen, patient_name, patient_id_type, patient_id_enc,
      patient_phone_enc, sampled_on, recipient_name, recipient_phone_enc, recipient_province, recipient_city,
      recipient_district, recipient_address, copies, remark, request_hash, pay_appid, prepay_id, prepay_expires_at,
      transaction_id, refund_reason, waybill_no, flagged, created_at, updated_at, personal_data_erased_at,
      recipient_province_code, recipient_city_code, recipient_district_code, reship_count""";

  /** The same columns qualified by the alias {@code o}, for joins. */
  static final String O_COLUMNS = COLUMNS.replaceAll("(\\w+)", "o.$1");

  /**
   * The idempotency key of a once-per-order step ("ready", "waybill", …): after an after-sales
   * reship the order takes those steps again, so each round has its own keys.
   */
  public String stepKey(String step) {
    return step + ":" + orderNo + (reshipCount > 0 ? "#" + reshipCount : "");
  }

  /**
   * The personal fields, decrypted: for views, labels and the owner; never for logs. Each is null
   * once erased.
   */
  public PersonalFields personal(PersonalData personalData) {
    return personal(personalData, EnumSet.allOf(PersonalColumn.class));
  }

  /**
   * Only the fields a reader shows, decrypted; the others stay null (a courier's list opens no
   * patient field, a resident's order list two fields of six). Each decryption costs CPU on every
   * listed row, so views ask for what they print.
   */
  public PersonalFields personal(PersonalData personalData, Set<PersonalColumn> shown) {
    return new PersonalFields(openIf(shown, PersonalColumn.PATIENT_NAME, personalData),
        openIf(shown, PersonalColumn.PATIENT_ID_NUMBER, personalData),
        openIf(shown, PersonalColumn.PATIENT_PHONE, personalData),
        openIf(shown, PersonalColumn.RECIPIENT_NAME, personalData),
        openIf(shown, PersonalColumn.RECIPIENT_PHONE, personalData), province, city, district,
        openIf(shown, PersonalColumn.RECIPIENT_ADDRESS, personalData));
  }

  private String openIf(Set<PersonalColumn> shown, PersonalColumn column, PersonalData personalData) {
    return shown.contains(column) ? open(column, personalData) : null;
  }

  /** What is left to show when the sealed fields do not open (a damaged row, a key gone): the plain ones. */
  public PersonalFields unreadable() {
    return new PersonalFields(null, null, null, null, null, province, city, district, null);
  }

  /** One personal field, decrypted (null once erased). */
  public String open(PersonalColumn column, PersonalData personalData) {
    return column.open(personalData, orderNo, stored(column));
  }

  /** Whether the order's personal fields were erased (retention, or the resident asked). */
  public boolean personalDataErased() {
    return personalDataErasedAt != null;
  }

  String stored(PersonalColumn column) {
    return switch (column) {
      case PATIENT_NAME -> patientNameEnc;
      case PATIENT_ID_NUMBER -> patientIdEnc;
      case PATIENT_PHONE -> patientPhoneEnc;
      case RECIPIENT_NAME -> recipientNameEnc;
      case RECIPIENT_PHONE -> recipientPhoneEnc;
      case RECIPIENT_ADDRESS -> addressEnc;
    };
  }

  static StoredOrder from(Row r) {
    return new StoredOrder(r.getString("order_no"), r.getLong("resident_id"), r.getString("site_code"),
        OrderStatus.valueOf(r.getString("status")), r.getInteger("amount_fen"), r.getString("patient_name"),
        r.getString("patient_id_type"), r.getString("patient_id_enc"), r.getString("patient_phone_enc"),
        r.getLocalDate("sampled_on"), r.getString("recipient_name"), r.getString("recipient_phone_enc"),
        r.getString("recipient_province"), r.getString("recipient_city"), r.getString("recipient_district"),
        r.getString("recipient_address"), r.getInteger("copies"), r.getString("remark"), r.getString("request_hash"),
        r.getString("pay_appid"), r.getString("prepay_id"), r.getOffsetDateTime("prepay_expires_at"),
        r.getString("transaction_id"), r.getString("refund_reason"), r.getString("waybill_no"),
        r.getBoolean("flagged"), r.getOffsetDateTime("created_at"), r.getOffsetDateTime("updated_at"),
        r.getOffsetDateTime("personal_data_erased_at"), r.getString("recipient_province_code"),
        r.getString("recipient_city_code"), r.getString("recipient_district_code"),
        r.getInteger("reship_count"));
  }
}
