package cn.reportpost.h5;

import cn.reportpost.testing.Browser;
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

  static void fill(Browser b, String idNumber) {
    b.type("patient.name", "张三");
    b.choose("patient.idType", "ID_CARD");
    b.type("patient.idNumber", idNumber);
    b.type("patient.phone", "13800138000");
    b.set("sampledOn", LocalDate.now(ZoneId.of("Asia/Shanghai")).minusDays(1).toString());
    b.type("recipient.name", "李四");
    b.type("recipient.phone", "139 0013 9000");
    b.choose("recipient.province", "山西省");
    b.type("recipient.city", "太原市");
    b.type("recipient.district", "小店区");
    b.type("recipient.address", "演示路 1 号 2 单元 301 室");
    b.choose("copies", "1");
  }
}
