package cn.reportpost.privacy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 of a personal value, base64url without padding (43 characters), stored next to the
 * encrypted value for exact lookup ("orders of this phone number"). Keyed, unlike a plain hash:
 * ID and phone numbers are few enough to hash them all and reverse an unkeyed digest.
 *
 * <p>Hash the normalised form (IdDocuments.normalise, MobilePhones.normalise), or "138 1234 1234"
 * and "13812341234" will not meet. Changing this key means recomputing every stored hash, so it
 * is not rotated with the encryption keys.
 */
public final class KeyedHash {

  private static final String ALGORITHM = "HmacSHA256";

  /** A keyed Mac per thread: set up once, reused for every hash (a Mac is not thread-safe). */
  private final ThreadLocal<Mac> macs;

  /** @param base64Key base64 of 32 bytes, separate from the encryption keys */
  public KeyedHash(String base64Key) {
    SecretKeySpec key = new SecretKeySpec(SecretKeys.decode("lookup hash key", base64Key), ALGORITHM);
    this.macs = ThreadLocal.withInitial(() -> {
      try {
        Mac mac = Mac.getInstance(ALGORITHM);
        mac.init(key);
        return mac;
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
      }
    });
  }

  public String hash(String value) {
    Objects.requireNonNull(value, "value");
    byte[] digest = macs.get().doFinal(value.getBytes(StandardCharsets.UTF_8));
    return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
  }
}
