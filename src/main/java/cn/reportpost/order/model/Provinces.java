package cn.reportpost.order.model;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The 31 province-level divisions of mainland China, where reports may be mailed. Hong Kong,
 * Macao and Taiwan are outside EMS domestic mail, so they are not here.
 */
public final class Provinces {

  public static final String SHANXI = "山西省";

  /** Full names in GB/T 2260 order. */
  public static final List<String> MAINLAND = List.of(
      "北京市", "天津市", "河北省", SHANXI, "内蒙古自治区",
      "辽宁省", "吉林省", "黑龙江省",
      "上海市", "江苏省", "浙江省", "安徽省", "福建省", "江西省", "山东省",
      "河南省", "湖北省", "湖南省", "广东省", "广西壮族自治区", "海南省",
      "重庆市", "四川省", "贵州省", "云南省", "西藏自治区",
      "陕西省", "甘肃省", "青海省", "宁夏回族自治区", "新疆维吾尔自治区");

  /** Full name by itself and by the short form people write (山西, 内蒙古, 广西, 新疆 …). */
  private static final Map<String, String> BY_NAME = new HashMap<>();

  static {
    for (String full : MAINLAND) {
      BY_NAME.put(full, full);
      BY_NAME.put(shortName(full), full);
    }
  }

  private Provinces() {}

  /** The full name of a mainland province-level division, given its full or short name. */
  public static Optional<String> canonical(String name) {
    return Optional.ofNullable(name == null ? null : BY_NAME.get(name.strip()));
  }

  public static boolean isMainland(String name) {
    return canonical(name).isPresent();
  }

  /** Shanxi (山西, Taiyuan), not Shaanxi (陕西, Xi'an): the fee is higher outside it. */
  public static boolean isShanxi(String name) {
    return canonical(name).filter(SHANXI::equals).isPresent();
  }

  private static String shortName(String full) {
    for (String suffix : List.of("壮族自治区", "回族自治区", "维吾尔自治区", "自治区", "省", "市")) {
      if (full.endsWith(suffix)) {
        return full.substring(0, full.length() - suffix.length());
      }
    }
    throw new IllegalStateException("no known suffix: " + full);
  }
}
