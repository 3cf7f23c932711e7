package cn.reportpost.privacy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The one way the service protects personal data: encrypted at rest with the configured key
 * (older keys still readable), a keyed hash for exact lookups, masking for everyone but the owner.
 *
 * <p>A sealed value reads {@code v2$<keyId>:<base64(iv | ciphertext and tag)>}: the format version
 * in front, then the key id. Its associated data names where it belongs (table, column, row), so a
 * value copied into another column or row does not open. Values written before (version 1) carry
 * no version and no associated data: {@code <keyId>:<base64>}, or plain text for the fields that
 * were not encrypted then; {@link #open} still reads them, and the re-sealing job rewrites them.
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

  /** Prefix of every value written by {@link #seal}. */
  public static final String SEALED = "v2$";

  /** How a field was stored before values were sealed with associated data. */
  public enum Legacy {
    /** Encrypted without associated data ({@code <keyId>:<base64>}). */
    ENCRYPTED,
    /** Plain text. */
    PLAIN
  }

  /** Encrypts {@code value} under the current key, bound to {@code context} (e.g. "report_order.patient_name:R1"); null stays null. */
  public String seal(String value, String context) {
    return value == null ? null : SEALED + cipher.encrypt(value, context);
  }

  /**
   * Opens a value {@link #seal}ed with the same {@code context}, or one written in the legacy form
   * of its field; null stays null.
   *
   * @throws PiiCipherException when it was sealed elsewhere, altered, or under an unknown key
   */
  public String open(String stored, String context, Legacy legacy) {
    if (stored == null) {
      return null;
    }
    if (stored.startsWith(SEALED)) {
      return cipher.decrypt(stored.substring(SEALED.length()), context);
    }
    return legacy == Legacy.PLAIN ? stored : cipher.decrypt(stored);
  }

  /** What every value sealed under the current key starts with. */
  public String currentSealPrefix() {
    return SEALED + cipher.currentKeyId() + ":";
  }

  public String currentKeyId() {
    return cipher.currentKeyId();
  }

  /** Ids of the keys configured now, current and retired. */
  public Set<String> keyIds() {
    return cipher.keyIds();
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
