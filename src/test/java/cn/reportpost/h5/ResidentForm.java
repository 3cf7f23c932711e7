package cn.reportpost.h5;

import cn.reportpost.testing.Browser;
import org.openqa.selenium.By;
import java.time.LocalDate;
import java.time.ZoneId;

/** What a resident types into the order form, with valid values unless a test says otherwise. */
final class ResidentForm {

  private static final String ID_CHECK_CHARACTERS = "10X98765432";
  private static final int[] ID_WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};

  private ResidentForm() {}

  /** A mainland ID number for a Taiyuan resident born on 7 March 1990, with its right check character. */
  static String validIdNumber() {
    return withCheck("14010519900307123");
  }

  static String withCheck(String first17) {
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += (first17.charAt(i) - '0') * ID_WEIGHTS[i];
    }
    return first17 + ID_CHECK_CHARACTERS.charAt(sum % 11);
  }

  /**
   * A valid number of a patient no other test orders for (a random birth day and sequence), so a
   * browser test is never met by the duplicate-order warning of an earlier test's order.
   */
  static String freshIdNumber() {
    java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
    LocalDate birth = LocalDate.of(1950, 1, 1).plusDays(random.nextInt(18_000));
    return withCheck("140105" + birth.toString().replace("-", "") + String.format("%03d", random.nextInt(1000)));
  }

  /** The same number with a wrong last character: one typo. */
  static String mistypedIdNumber() {
    String valid = validIdNumber();
    char wrong = valid.charAt(17) == '1' ? '2' : '1';
    return valid.substring(0, 17) + wrong;
  }

  /** Opens the poster link and waits until the site is preselected. */
  static void openPosterLink(Browser b, String base, String siteCode) {
    b.open(base + "/h5/order?site=" + siteCode);
    b.await("the site " + siteCode + " preselected", d -> siteCode.equals(b.value("siteCode")));
  }

  /**
   * Picks a place in the cascade as a resident does: province, then (once its cities are in) the
   * city, then the district; a null code stops there.
   */
  static void place(Browser b, String provinceCode, String cityCode, String districtCode) {
    b.await("the provinces", d -> !d.findElements(By.cssSelector("[name='recipient.provinceCode'] option[value='"
        + provinceCode + "']")).isEmpty());
    b.choose("recipient.provinceCode", provinceCode);
    if (cityCode != null) {
      b.await("the cities of " + provinceCode, d -> !d.findElements(By.cssSelector(
          "[name='recipient.cityCode'] option[value='" + cityCode + "']")).isEmpty());
      b.choose("recipient.cityCode", cityCode);
    }
    if (districtCode != null) {
      b.await("the districts of " + cityCode, d -> !d.findElements(By.cssSelector(
          "[name='recipient.districtCode'] option[value='" + districtCode + "']")).isEmpty());
      b.choose("recipient.districtCode", districtCode);
    }
  }

  static void fill(Browser b, String idNumber) {
    b.type("patient.name", "张三");
    b.choose("patient.idType", "ID_CARD");
    b.type("patient.idNumber", idNumber);
    b.type("patient.phone", "13800138000");
    b.set("sampledOn", LocalDate.now(ZoneId.of("Asia/Shanghai")).minusDays(1).toString());
    b.type("recipient.name", "李四");
    b.type("recipient.phone", "139 0013 9000");
    place(b, "14", "1401", "140105");
    b.type("recipient.address", "演示路 1 号 2 单元 301 室");
    b.choose("copies", "1");
  }
}
