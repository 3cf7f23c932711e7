package cn.reportpost.privacy;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one way the service protects ID and phone numbers: encrypted at rest with the configured
 * key (older keys still readable), a keyed hash for exact lookups, masking for everyone but the owner.
 */
public final class PersonalData {

  private final PiiCipher cipher;
  private final KeyedHash hash;

  public PersonalData(PiiCipher cipher, KeyedHash hash) {
    this.cipher = cipher;
    this.hash = hash;
  }

  /**
   * From the settings PII_KEY_ID, PII_KEY, PII_OLD_KEYS and HASH_KEY; throws
   * IllegalArgumentException naming the one that is wrong.
   */
  public static PersonalData of(String keyId, String key, String oldKeys, String hashKey) {
    return new PersonalData(new PiiCipher(keyId, key, retiredKeys(oldKeys)), new KeyedHash(hashKey));
  }

  /** "id:base64,id:base64" as PII_OLD_KEYS gives them. */
  static Map<String, String> retiredKeys(String setting) {
    Map<String, String> keys = new LinkedHashMap<>();
    if (setting == null || setting.isBlank()) {
      return keys;
    }
    for (String pair : setting.split(",")) {
      int colon = pair.indexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException("each retired key must be written id:base64");
      }
      keys.put(pair.substring(0, colon).strip(), pair.substring(colon + 1).strip());
    }
    return keys;
  }

  public String encrypt(String value) {
    return cipher.encrypt(value);
  }

  public String decrypt(String stored) {
    return cipher.decrypt(stored);
  }

  public String hash(String value) {
    return hash.hash(value);
  }

  /** Lookup hash of a person's name as typed, whitespace removed ("张 三" finds 张三). */
  public String nameHash(String name) {
    return hash.hash("name:" + name.replaceAll("[\\s\\u3000]", ""));
  }

  /**
   * Lookup hash of a phone number's last four digits, for "the order of the phone ending 1234";
   * give either the whole normalised number or just the four digits.
   */
  public String phoneTailHash(String phoneOrTail) {
    String tail = phoneOrTail.length() <= 4 ? phoneOrTail : phoneOrTail.substring(phoneOrTail.length() - 4);
    return hash.hash("tail:" + tail);
  }
}
