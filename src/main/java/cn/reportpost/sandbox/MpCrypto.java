package cn.reportpost.sandbox;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The official account's callback crypto from WeChat's documentation: SHA-1 signatures over the
 * sorted parameters, and safe mode's AES-256-CBC over random16 | length | message | appId with
 * PKCS#7 padding to 32 bytes. Written here, not taken from WxJava, so the two check each other.
 */
final class MpCrypto {

  private final String token;
  private final String appId;
  private final byte[] key;

  MpCrypto(String token, String encodingAesKey, String appId) {
    this.token = token;
    this.appId = appId;
    this.key = encodingAesKey.isBlank() ? null : Base64.getDecoder().decode(encodingAesKey + "=");
  }

  boolean safeMode() {
    return key != null;
  }

  /** sha1 of the sorted, concatenated token and parts. */
  String signature(String... parts) {
    String[] all = Arrays.copyOf(parts, parts.length + 1);
    all[parts.length] = token;
    Arrays.sort(all);
    try {
      byte[] digest = MessageDigest.getInstance("SHA-1").digest(String.join("", all).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  String encrypt(String message) {
    byte[] text = message.getBytes(StandardCharsets.UTF_8);
    byte[] id = appId.getBytes(StandardCharsets.UTF_8);
    int length = 16 + 4 + text.length + id.length;
    int pad = 32 - length % 32;
    ByteBuffer b = ByteBuffer.allocate(length + pad);
    b.put(SandboxCrypto.random(16).getBytes(StandardCharsets.US_ASCII)).putInt(text.length).put(text).put(id);
    for (int i = 0; i < pad; i++) {
      b.put((byte) pad);
    }
    return Base64.getEncoder().encodeToString(cipher(Cipher.ENCRYPT_MODE, b.array()));
  }

  /** The message inside; refuses one sealed for another appId. */
  String decrypt(String encrypted) {
    byte[] plain = cipher(Cipher.DECRYPT_MODE, Base64.getDecoder().decode(encrypted));
    int pad = plain[plain.length - 1];
    if (pad < 1 || pad > 32) {
      throw new IllegalArgumentException("bad padding");
    }
    ByteBuffer b = ByteBuffer.wrap(plain, 0, plain.length - pad);
    b.position(16);
    int length = b.getInt();
    // Checked before it sizes anything: a huge length field must not become a huge allocation.
    if (length < 0 || length > b.remaining()) {
      throw new IllegalArgumentException("the length field is larger than the message");
    }
    byte[] text = new byte[length];
    b.get(text);
    byte[] id = new byte[b.remaining()];
    b.get(id);
    if (!appId.equals(new String(id, StandardCharsets.UTF_8))) {
      throw new IllegalArgumentException("sealed for another appId");
    }
    return new String(text, StandardCharsets.UTF_8);
  }

  private byte[] cipher(int mode, byte[] input) {
    try {
      Cipher c = Cipher.getInstance("AES/CBC/NoPadding");
      c.init(mode, new SecretKeySpec(key, "AES"), new IvParameterSpec(key, 0, 16));
      return c.doFinal(input);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("AES failed: " + e.getMessage(), e);
    }
  }
}
