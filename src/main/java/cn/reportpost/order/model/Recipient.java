package cn.reportpost.order.model;

/**
 * Where the report is mailed, as validated: {@code province}, {@code city} and {@code district}
 * are the names of the GB/T 2260 divisions whose codes follow (山西省 14, 太原市 1401, 小店区
 * 140105), {@code phone} the bare 11 digits.
 */
public record Recipient(String name, String phone, String province, String city, String district,
    String address, String provinceCode, String cityCode, String districtCode) {

  /** Decides between a site's fee and its out-of-province fee. */
  public boolean inShanxi() {
    return Provinces.isShanxi(province);
  }
}
