package cn.reportpost.privacy;

import java.util.Base64;

/** Decodes the 256-bit keys given in configuration, failing with a message that names the key. */
final class SecretKeys {

  static final int KEY_BYTES = 32;

  private SecretKeys() {}

  /** {@code name} says which setting is wrong; the key itself never appears in a message. */
  static byte[] decode(String name, String base64) {
    if (base64 == null || base64.isBlank()) {
      throw new IllegalArgumentException(name + " is missing: give base64 of 32 random bytes");
    }
    byte[] key;
    try {
      key = Base64.getDecoder().decode(base64.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(name + " is not valid base64", e);
    }
    if (key.length != KEY_BYTES) {
      throw new IllegalArgumentException(name
          + " must be 32 bytes (base64 of 32 random bytes), not " + key.length + " bytes");
    }
    return key;
  }
}
