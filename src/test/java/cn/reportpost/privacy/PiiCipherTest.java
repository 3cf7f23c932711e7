package cn.reportpost.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class PiiCipherTest {

  static String newKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }

  private final String k1 = newKey();
  private final String k2 = newKey();
  private final PiiCipher cipher = new PiiCipher("k2", k2, Map.of("k1", k1));

  @Test
  void aValueComesBackAndIsStoredAsKeyIdAndBase64OfIvCiphertextAndTag() throws Exception {
    String stored = cipher.encrypt("14010519900307123X");
    assertThat(stored).matches("k2:[A-Za-z0-9+/]+=*");
    assertThat(cipher.decrypt(stored)).isEqualTo("14010519900307123X");
    // Read it back with the JDK directly, to pin the layout others may rely on.
    byte[] raw = Base64.getDecoder().decode(stored.substring(3));
    assertThat(raw).hasSize(12 + 18 + 16);
    Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
    gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(Base64.getDecoder().decode(k2), "AES"),
        new GCMParameterSpec(128, Arrays.copyOf(raw, 12)));
    assertThat(new String(gcm.doFinal(raw, 12, raw.length - 12), StandardCharsets.UTF_8))
        .isEqualTo("14010519900307123X");
  }

  @Test
  void equalValuesEncryptDifferentlyEachTime() {
    assertThat(cipher.encrypt("13812341234")).isNotEqualTo(cipher.encrypt("13812341234"));
    assertThat(cipher.decrypt(cipher.encrypt("张三 ☎ 𠀀"))).isEqualTo("张三 ☎ 𠀀");
    assertThat(cipher.decrypt(cipher.encrypt(""))).isEmpty();
  }

  @Test
  void valuesOfARetiredKeyStillDecryptAndAreMarkedForReEncryption() {
    String old = new PiiCipher("k1", k1, Map.of()).encrypt("13812341234");
    assertThat(cipher.decrypt(old)).isEqualTo("13812341234");
    assertThat(cipher.isCurrent(old)).isFalse();
    assertThat(cipher.isCurrent(cipher.encrypt("13812341234"))).isTrue();
    assertThat(cipher.currentKeyId()).isEqualTo("k2");
  }

  @Test
  void anyChangedByteIsDetected() {
    String stored = cipher.encrypt("13812341234");
    byte[] raw = Base64.getDecoder().decode(stored.substring(3));
    for (int i = 0; i < raw.length; i++) {
      byte[] altered = raw.clone();
      altered[i] ^= 0x01;
      String forged = "k2:" + Base64.getEncoder().encodeToString(altered);
      assertThatThrownBy(() -> cipher.decrypt(forged)).as("byte " + i)
          .isInstanceOf(PiiCipherException.class).hasMessageContaining("altered");
    }
  }

  @Test
  void aValueRelabelledWithAnotherKeyIdIsRefused() {
    String stored = cipher.encrypt("13812341234");
    assertThatThrownBy(() -> cipher.decrypt("k1" + stored.substring(2)))
        .isInstanceOf(PiiCipherException.class);
  }

  @Test
  void associatedDataMustMatch() {
    String stored = cipher.encrypt("13812341234", "orders.patient_phone");
    assertThat(cipher.decrypt(stored, "orders.patient_phone")).isEqualTo("13812341234");
    assertThatThrownBy(() -> cipher.decrypt(stored, "orders.recipient_phone"))
        .isInstanceOf(PiiCipherException.class);
    assertThatThrownBy(() -> cipher.decrypt(stored)).isInstanceOf(PiiCipherException.class);
    assertThatThrownBy(() -> cipher.decrypt(cipher.encrypt("x"), "orders.patient_phone"))
        .isInstanceOf(PiiCipherException.class);
  }

  @Test
  void malformedOrUnknownValuesAreRefusedClearly() {
    assertThatThrownBy(() -> cipher.decrypt("13812341234"))
        .isInstanceOf(PiiCipherException.class).hasMessageContaining("no key id");
    assertThatThrownBy(() -> cipher.decrypt("k9:AAAA"))
        .isInstanceOf(PiiCipherException.class).hasMessageContaining("unknown key k9");
    assertThatThrownBy(() -> cipher.decrypt("k2:not base64!"))
        .isInstanceOf(PiiCipherException.class).hasMessageContaining("bad base64");
    assertThatThrownBy(() -> cipher.decrypt("k2:AAAA"))
        .isInstanceOf(PiiCipherException.class).hasMessageContaining("too short");
  }

  @Test
  void keysMustBeThirtyTwoBytesOfBase64AndIdsPlain() {
    String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
    assertThatThrownBy(() -> new PiiCipher("k1", shortKey, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("PII key k1 must be 32 bytes (base64 of 32 random bytes), not 16 bytes");
    assertThatThrownBy(() -> new PiiCipher("k1", k1, Map.of("k0", "%%%")))
        .hasMessage("PII key k0 is not valid base64");
    assertThatThrownBy(() -> new PiiCipher("k1", " ", Map.of()))
        .hasMessageContaining("PII key k1 is missing");
    assertThatThrownBy(() -> new PiiCipher("k:1", k1, Map.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key id");
    assertThatThrownBy(() -> new PiiCipher("k1", k1, Map.of("k1", k2)))
        .hasMessageContaining("both current and retired");
  }
}
