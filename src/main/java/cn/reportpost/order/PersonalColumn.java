package cn.reportpost.order;

import cn.reportpost.privacy.PersonalData;
import cn.reportpost.privacy.PersonalData.Legacy;

import java.util.EnumSet;
import java.util.Set;

/**
 * The personal columns of report_order, each sealed with associated data
 * {@code report_order.<column>:<order_no>}: a value copied into another column or row does not open.
 * {@link #field} is the name a reveal asks for; {@link #legacy} how the column was stored before.
 */
public enum PersonalColumn {
  PATIENT_NAME("patient_name", "patient.name", Legacy.PLAIN),
  PATIENT_ID_NUMBER("patient_id_enc", "patient.idNumber", Legacy.ENCRYPTED),
  PATIENT_PHONE("patient_phone_enc", "patient.phone", Legacy.ENCRYPTED),
  RECIPIENT_NAME("recipient_name", "recipient.name", Legacy.PLAIN),
  RECIPIENT_PHONE("recipient_phone_enc", "recipient.phone", Legacy.ENCRYPTED),
  RECIPIENT_ADDRESS("recipient_address", "recipient.address", Legacy.PLAIN);

  /** What an envelope carries: the recipient's fields, none of the patient's. */
  public static final Set<PersonalColumn> RECIPIENT = EnumSet.of(RECIPIENT_NAME, RECIPIENT_PHONE, RECIPIENT_ADDRESS);

  private final String column;
  private final String field;
  private final Legacy legacy;

  PersonalColumn(String column, String field, Legacy legacy) {
    this.column = column;
    this.field = field;
    this.legacy = legacy;
  }

  public String column() {
    return column;
  }

  /** The field's name in views and reveals: patient.name, recipient.phone, ... */
  public String field() {
    return field;
  }

  Legacy legacy() {
    return legacy;
  }

  /** The associated data that binds a value to this column of this order. */
  public String context(String orderNo) {
    return "report_order." + column + ":" + orderNo;
  }

  String seal(PersonalData personal, String orderNo, String value) {
    return personal.seal(value, context(orderNo));
  }

  String open(PersonalData personal, String orderNo, String stored) {
    return personal.open(stored, context(orderNo), legacy);
  }

  /** The column whose field is named {@code field}, or null. */
  public static PersonalColumn byField(String field) {
    for (PersonalColumn c : values()) {
      if (c.field.equals(field)) {
        return c;
      }
    }
    return null;
  }
}
