package cn.reportpost.order;

import cn.reportpost.order.model.OrderStatus;
import cn.reportpost.privacy.PersonalData;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
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

  /** Every row of a result whose first columns are {@link #COLUMNS}, as stored orders. */
  static List<StoredOrder> all(RowSet<Row> rows) {
    List<StoredOrder> orders = new ArrayList<>(rows.size());
    rows.forEach(r -> orders.add(from(r)));
    return orders;
  }

  /** How many columns {@link #COLUMNS} lists: a query's own columns after them start at this position. */
  static final int COLUMN_COUNT = COLUMNS.split(",").length;

  /**
   * The order in a row whose first columns are {@link #COLUMNS} (or {@link #O_COLUMNS}), read by
   * position: a lookup by name scans the row's columns one by one, and at 33 columns that scan was
   * the largest cost of a staff list page (50 rows × 33 lookups × a scan each).
   */
  static StoredOrder from(Row r) {
    if (!"order_no".equals(r.getColumnName(0)) || !"reship_count".equals(r.getColumnName(COLUMN_COUNT - 1))) {
      throw new IllegalArgumentException("a stored order is read from a row that starts with StoredOrder.COLUMNS");
    }
    return new StoredOrder(r.getString(0), r.getLong(1), r.getString(2),
        OrderStatus.valueOf(r.getString(3)), r.getInteger(4), r.getString(5),
        r.getString(6), r.getString(7), r.getString(8),
        r.getLocalDate(9), r.getString(10), r.getString(11),
        r.getString(12), r.getString(13), r.getString(14),
        r.getString(15), r.getInteger(16), r.getString(17), r.getString(18),
        r.getString(19), r.getString(20), r.getOffsetDateTime(21),
        r.getString(22), r.getString(23), r.getString(24),
        r.getBoolean(25), r.getOffsetDateTime(26), r.getOffsetDateTime(27),
        r.getOffsetDateTime(28), r.getString(29),
        r.getString(30), r.getString(31),
        r.getInteger(32));
  }
}
