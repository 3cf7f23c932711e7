package cn.reportpost.order.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MobilePhonesAndProvincesTest {

  @Test
  void mobileNumbersAreNormalisedToElevenDigits() {
    for (String typed : new String[] {"13812341234", "138 1234 1234", "138-1234-1234",
        "+86 138 1234 1234", "+8613812341234", "008613812341234", "8613812341234",
        "138\u30001234\u30001234"}) {
      assertThat(MobilePhones.normalise(typed)).as(typed).hasValue("13812341234");
    }
  }

  @Test
  void otherNumbersAreNotMobileNumbers() {
    for (String typed : new String[] {"12812341234", "1381234123", "138123412345",
        "0351-5550001", "+85291234567", "1381234123a", "(138)12341234", ""}) {
      assertThat(MobilePhones.normalise(typed)).as(typed).isEmpty();
    }
    assertThat(MobilePhones.normalise("19912341234")).hasValue("19912341234");
  }

  @Test
  void thereAreThirtyOneMainlandDivisions() {
    assertThat(Provinces.MAINLAND).hasSize(31).doesNotHaveDuplicates();
  }

  @Test
  void fullAndShortNamesGiveTheFullName() {
    assertThat(Provinces.canonical("山西省")).hasValue("山西省");
    assertThat(Provinces.canonical("山西")).hasValue("山西省");
    assertThat(Provinces.canonical(" 北京市 ")).hasValue("北京市");
    assertThat(Provinces.canonical("内蒙古")).hasValue("内蒙古自治区");
    assertThat(Provinces.canonical("广西壮族自治区")).hasValue("广西壮族自治区");
    assertThat(Provinces.canonical("广西")).hasValue("广西壮族自治区");
    assertThat(Provinces.canonical("新疆")).hasValue("新疆维吾尔自治区");
  }

  @Test
  void placesOutsideTheMainlandOrMadeUpAreNotProvinces() {
    for (String name : new String[] {"香港特别行政区", "澳门", "台湾省", "Shanxi", "山西省省", "", "太原市"}) {
      assertThat(Provinces.isMainland(name)).as(name).isFalse();
    }
    assertThat(Provinces.isMainland(null)).isFalse();
  }

  @Test
  void shanxiIsNotShaanxi() {
    assertThat(Provinces.isShanxi("山西省")).isTrue();
    assertThat(Provinces.isShanxi("山西")).isTrue();
    assertThat(Provinces.isShanxi("陕西省")).isFalse();
    assertThat(Provinces.isShanxi("北京市")).isFalse();
    assertThat(Provinces.isShanxi(null)).isFalse();
  }
}
