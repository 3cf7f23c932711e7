package cn.reportpost.privacy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts personal data at rest with AES-256-GCM. A stored value reads
 * {@code <keyId>:<base64(iv | ciphertext and tag)>} with a fresh random 12-byte IV each time, so
 * equal plaintexts do not look equal; lookups go through {@link KeyedHash} instead.
 *
 * <p>Keys rotate: new values use the current key, old values still decrypt with a retired key
 * found by the id in front, and {@link #isCurrent} tells which rows to re-encrypt.
 *
 * <p>Associated data (optional, e.g. the column name) is authenticated but not stored: a value
 * only decrypts with the same associated data, so a ciphertext copied from one column into
 * another is refused. Encrypt and decrypt must pass the same (or both none).
 */
public final class PiiCipher {

  private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String currentKeyId;
  private final Map<String, SecretKeySpec> keys = new HashMap<>();

  /**
   * @param currentKeyId id written in front of new values; letters, digits, _ and -, at most 32
   * @param currentKey   base64 of 32 bytes
   * @param retiredKeys  id to base64 key, for values written before a rotation; may be empty
   */
  public PiiCipher(String currentKeyId, String currentKey, Map<String, String> retiredKeys) {
    this.currentKeyId = checkId(currentKeyId);
    keys.put(currentKeyId, key(currentKeyId, currentKey));
    retiredKeys.forEach((id, key) -> {
      if (checkId(id).equals(currentKeyId)) {
        throw new IllegalArgumentException("key id " + id + " is both current and retired");
      }
      keys.put(id, key(id, key));
    });
  }

  public String currentKeyId() {
    return currentKeyId;
  }

  /** The current key's id and every retired one's: the keys a stored value may name. */
  public Set<String> keyIds() {
    return Set.copyOf(keys.keySet());
  }

  public String encrypt(String plaintext) {
    return encrypt(plaintext, null);
  }

  public String encrypt(String plaintext, String associatedData) {
    Objects.requireNonNull(plaintext, "plaintext");
    byte[] iv = new byte[IV_BYTES];
    RANDOM.nextBytes(iv);
    byte[] plain = plaintext.getBytes(StandardCharsets.UTF_8);
    byte[] sealed = run(Cipher.ENCRYPT_MODE, keys.get(currentKeyId), new GCMParameterSpec(TAG_BITS, iv), associatedData,
        plain, 0, plain.length);
    byte[] out = ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed).array();
    return currentKeyId + ":" + Base64.getEncoder().encodeToString(out);
  }

  public String decrypt(String stored) {
    return decrypt(stored, null);
  }

  /** @throws PiiCipherException when malformed, of an unknown key, or altered */
  public String decrypt(String stored, String associatedData) {
    Objects.requireNonNull(stored, "stored");
    int colon = stored.indexOf(':');
    if (colon < 0) {
      throw new PiiCipherException("not an encrypted value: no key id");
    }
    String keyId = stored.substring(0, colon);
    SecretKeySpec key = keys.get(keyId);
    if (key == null) {
      throw new PiiCipherException("encrypted with unknown key " + keyId);
    }
    byte[] in;
    try {
      in = Base64.getDecoder().decode(stored.substring(colon + 1));
    } catch (IllegalArgumentException e) {
      throw new PiiCipherException("not an encrypted value: bad base64", e);
    }
    if (in.length < IV_BYTES + TAG_BITS / 8) {
      throw new PiiCipherException("not an encrypted value: too short");
    }
    // IV and sealed bytes read in place: staff lists open a few hundred values per page.
    return new String(run(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES), associatedData,
        in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
  }

  /** False for values written with a retired key: re-encrypt them with the current one. */
  public boolean isCurrent(String stored) {
    return stored.startsWith(currentKeyId + ":");
  }

  /** A Cipher per thread: looking one up costs more than using it, and a Cipher is not thread-safe. */
  private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(() -> {
    try {
      return Cipher.getInstance("AES/GCM/NoPadding");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/GCM is part of every Java runtime", e);
    }
  });

  private static byte[] run(int mode, SecretKeySpec key, GCMParameterSpec iv, String associatedData,
      byte[] input, int offset, int length) {
    try {
      Cipher cipher = CIPHERS.get();
      cipher.init(mode, key, iv);
      if (associatedData != null) {
        cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
      }
      return cipher.doFinal(input, offset, length);
    } catch (AEADBadTagException e) {
      throw new PiiCipherException("encrypted value was altered or has other associated data", e);
    } catch (GeneralSecurityException e) {
      throw new PiiCipherException("AES-GCM failed", e);
    }
  }

  private static String checkId(String id) {
    if (id == null || !KEY_ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "key id must be 1 to 32 letters, digits, _ or -, not: " + id);
    }
    return id;
  }

  private static SecretKeySpec key(String id, String base64) {
    return new SecretKeySpec(SecretKeys.decode("PII key " + id, base64), "AES");
  }
}
