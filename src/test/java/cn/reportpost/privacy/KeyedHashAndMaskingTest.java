package cn.reportpost.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class KeyedHashAndMaskingTest {

  @Test
  void theHashIsHmacSha256InBase64UrlWithoutPadding() {
    byte[] key = new byte[32];
    for (int i = 0; i < 32; i++) {
      key[i] = (byte) i;
    }
    KeyedHash hash = new KeyedHash(Base64.getEncoder().encodeToString(key));
    // openssl dgst -sha256 -mac HMAC -macopt hexkey:000102…1f -binary | base64, made url-safe
    assertThat(hash.hash("13812341234")).isEqualTo("GZ8ksdeNClYpiMccICtmDZfdZsnderpqcu-eShicW2s");
  }

  @Test
  void equalValuesMeetAndOtherValuesOrKeysDoNot() {
    KeyedHash one = new KeyedHash(PiiCipherTest.newKey());
    KeyedHash other = new KeyedHash(PiiCipherTest.newKey());
    assertThat(one.hash("13812341234")).isEqualTo(one.hash("13812341234")).hasSize(43)
        .matches("[A-Za-z0-9_-]+");
    assertThat(one.hash("13812341234")).isNotEqualTo(one.hash("13812341235"));
    assertThat(one.hash("13812341234")).isNotEqualTo(other.hash("13812341234"));
  }

  @Test
  void aWrongLengthKeyIsRefused() {
    assertThatThrownBy(() -> new KeyedHash(Base64.getEncoder().encodeToString(new byte[31])))
        .hasMessage("lookup hash key must be 32 bytes (base64 of 32 random bytes), not 31 bytes");
  }

  @Test
  void idNumbersKeepTheirRegionAndLastFour() {
    assertThat(Masking.idNumber("14010519900307123X")).isEqualTo("1401**********123X");
    assertThat(Masking.idNumber("E12345678")).isEqualTo("E1*****78");
    assertThat(Masking.idNumber("C1234")).isEqualTo("C***4");
    assertThat(Masking.idNumber(null)).isNull();
  }

  @Test
  void phonesKeepOperatorAndLastFour() {
    assertThat(Masking.phone("13812341234")).isEqualTo("138****1234");
    assertThat(Masking.phone("110")).isEqualTo("***");
  }

  @Test
  void namesKeepTheFamilyNameAndForLongerNamesTheLastCharacter() {
    assertThat(Masking.name("张")).isEqualTo("*");
    assertThat(Masking.name("张三")).isEqualTo("张*");
    assertThat(Masking.name("张小明")).isEqualTo("张*明");
    assertThat(Masking.name("欧阳小明")).isEqualTo("欧**明");
    assertThat(Masking.name("\uD840\uDC00三")).as("a rare character is one")
        .isEqualTo("\uD840\uDC00*");
    assertThat(Masking.name("")).isEmpty();
  }

  @Test
  void anAddressKeepsOnlyItsFirstCharactersAndItsLength() {
    assertThat(Masking.address("长风街100号2单元301")).isEqualTo("长风街1*********");
    assertThat(Masking.address("中街1号")).isEqualTo("中***");
    assertThat(Masking.address("甲")).isEqualTo("*");
    assertThat(Masking.address(null)).isNull();
  }
}
