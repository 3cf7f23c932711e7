package cn.reportpost.order.model;

/**
 * Where the report is mailed, as validated: {@code province} is the full official name
 * (山西省, 内蒙古自治区), {@code phone} the bare 11 digits.
 */
public record Recipient(String name, String phone, String province, String city, String district,
    String address) {

  /** Decides between a site's fee and its out-of-province fee. */
  public boolean inShanxi() {
    return Provinces.isShanxi(province);
  }
}
