package cn.reportpost.wechat;

import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/** PEM text to and from RSA keys, as WeChat Pay hands them out (PKCS#8 private, X.509 public). */
public final class Pem {

  private Pem() {}

  public static String privateKey(PrivateKey key) {
    return wrap("PRIVATE KEY", key.getEncoded());
  }

  public static String publicKey(PublicKey key) {
    return wrap("PUBLIC KEY", key.getEncoded());
  }

  public static PrivateKey readPrivate(String pem) {
    try {
      return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(body(pem)));
    } catch (Exception e) {
      throw new IllegalArgumentException("not a PKCS#8 RSA private key in PEM", e);
    }
  }

  public static PublicKey readPublic(String pem) {
    try {
      return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(body(pem)));
    } catch (Exception e) {
      throw new IllegalArgumentException("not an X.509 RSA public key in PEM", e);
    }
  }

  private static byte[] body(String pem) {
    String base64 = pem.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
    return Base64.getDecoder().decode(base64);
  }

  private static String wrap(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }
}
