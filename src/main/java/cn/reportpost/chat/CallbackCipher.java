package cn.reportpost.chat;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * Safe mode's AES, as WeChat documents it: Encrypt is base64(AES-256-CBC(key, iv = key[0..16),
 * random16 | length of the message (4 bytes, network order) | message | appId | PKCS#7 padding to
 * 32 bytes)), the key being the EncodingAESKey decoded. Written here rather than taken from
 * WxJava, whose opening trusts the length field (a huge one allocates that much: an
 * OutOfMemoryError from one request) and never compares the appId.
 */
final class CallbackCipher {

  private static final int PAD_BLOCK = 32;
  private static final int AES_BLOCK = 16;
  /** random16 and the length field come before the message. */
  private static final int HEADER = 20;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final ThreadLocal<Cipher> AES = ThreadLocal.withInitial(() -> {
    try {
      return Cipher.getInstance("AES/CBC/NoPadding");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java runtime has AES/CBC", e);
    }
  });

  private final SecretKeySpec key;
  private final IvParameterSpec iv;
  private final byte[] appId;

  CallbackCipher(String encodingAesKey, String appId) {
    byte[] raw = Base64.getDecoder().decode(encodingAesKey + "=");
    if (raw.length != 32) {
      throw new IllegalArgumentException("the EncodingAESKey must be 43 characters of base64 (32 bytes)");
    }
    this.key = new SecretKeySpec(raw, "AES");
    this.iv = new IvParameterSpec(raw, 0, AES_BLOCK);
    this.appId = appId.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The message inside {@code encrypt}. Its msg_signature must have been checked first: what
   * fails here then came from someone holding the token, yet is not a message WeChat sealed for
   * this account (400 when malformed, 403 when sealed for another appId).
   */
  String open(String encrypt) {
    byte[] sealed;
    try {
      sealed = Base64.getDecoder().decode(encrypt);
    } catch (IllegalArgumentException e) {
      throw malformed("Encrypt is not base64");
    }
    if (sealed.length < PAD_BLOCK || sealed.length % AES_BLOCK != 0) {
      throw malformed("Encrypt is not whole AES blocks of a message");
    }
    byte[] plain = cipher(Cipher.DECRYPT_MODE, sealed);
    int pad = plain[plain.length - 1] & 0xFF;
    if (pad < 1 || pad > PAD_BLOCK) {
      throw malformed("its padding is wrong");
    }
    int end = plain.length - pad;
    // The length is checked against what was decrypted before anything is sized by it.
    int length = end < HEADER ? -1 : ByteBuffer.wrap(plain, AES_BLOCK, 4).getInt();
    if (length < 0 || length > end - HEADER) {
      throw malformed("its length field is larger than the message");
    }
    int idFrom = HEADER + length;
    if (end - idFrom != appId.length || !MessageDigest.isEqual(appId, Arrays.copyOfRange(plain, idFrom, end))) {
      throw new CallbackCodec.Refused(403, "The encrypted message was sealed for another official account.");
    }
    return new String(plain, HEADER, length, StandardCharsets.UTF_8);
  }

  /** {@code message} sealed for this account, as Encrypt. */
  String seal(String message) {
    byte[] text = message.getBytes(StandardCharsets.UTF_8);
    int length = HEADER + text.length + appId.length;
    int pad = PAD_BLOCK - length % PAD_BLOCK;
    byte[] random = new byte[AES_BLOCK];
    RANDOM.nextBytes(random);
    ByteBuffer plain = ByteBuffer.allocate(length + pad).put(random).putInt(text.length).put(text).put(appId);
    while (plain.hasRemaining()) {
      plain.put((byte) pad);
    }
    return Base64.getEncoder().encodeToString(cipher(Cipher.ENCRYPT_MODE, plain.array()));
  }

  private byte[] cipher(int mode, byte[] input) {
    Cipher aes = AES.get();
    try {
      aes.init(mode, key, iv);
      return aes.doFinal(input);
    } catch (GeneralSecurityException e) {
      // NoPadding over whole blocks cannot fail; anything else is a broken runtime.
      throw new IllegalStateException("AES failed", e);
    }
  }

  private static CallbackCodec.Refused malformed(String why) {
    return new CallbackCodec.Refused(400, "The encrypted message is malformed: " + why + ".");
  }
}
