package cn.reportpost.print;

import java.util.Objects;

/**
 * What one envelope label shows. The phone arrives masked (138****5678): a label travels through
 * many hands, and the courier calls through the order, not from the label.
 */
public record LabelData(String orderNo, String recipientName, String maskedPhone, String province,
    String city, String district, String address, String siteName, int copies) {

  public LabelData {
    Objects.requireNonNull(orderNo, "orderNo");
    Objects.requireNonNull(recipientName, "recipientName");
    Objects.requireNonNull(maskedPhone, "maskedPhone");
    Objects.requireNonNull(province, "province");
    Objects.requireNonNull(city, "city");
    Objects.requireNonNull(district, "district");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(siteName, "siteName");
    if (orderNo.isBlank()) {
      throw new IllegalArgumentException("orderNo is blank");
    }
    if (copies < 1) {
      throw new IllegalArgumentException("copies must be at least 1, got " + copies);
    }
  }

  /** Written the Chinese way, largest unit first and without separators. */
  public String fullAddress() {
    return province + city + district + address;
  }
}
