package cn.reportpost.wechat;

import cn.reportpost.config.AppConfig;
import cn.reportpost.config.InvalidSettingException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * Reads the merchant private key and the WeChat Pay public key named in config, and checks they
 * parse, so a wrong file stops the start with one clear line instead of failing the first payment.
 */
final class PayKeyFiles {

  record Keys(byte[] privateKeyPem, byte[] publicKeyPem) {}

  private PayKeyFiles() {}

  static Keys read(AppConfig config) {
    byte[] privateKey = read(config.string("wechat.pay.privateKeyFile"), "WX_PAY_PRIVATE_KEY_FILE", "PRIVATE KEY");
    byte[] publicKey = read(config.string("wechat.pay.publicKeyFile"), "WX_PAY_PUBLIC_KEY_FILE", "PUBLIC KEY");
    return new Keys(privateKey, publicKey);
  }

  private static byte[] read(String file, String setting, String type) {
    if (file.isBlank()) {
      throw new InvalidSettingException(setting + " is not set: it must name a PEM file holding the " + type.toLowerCase());
    }
    String pem;
    try {
      pem = Files.readString(Path.of(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InvalidSettingException(setting + " names " + file + ", which cannot be read: " + e);
    }
    try {
      byte[] der = Base64.getMimeDecoder().decode(pem
          .replace("-----BEGIN " + type + "-----", "").replace("-----END " + type + "-----", ""));
      KeyFactory rsa = KeyFactory.getInstance("RSA");
      if (type.equals("PRIVATE KEY")) {
        rsa.generatePrivate(new PKCS8EncodedKeySpec(der));
      } else {
        rsa.generatePublic(new X509EncodedKeySpec(der));
      }
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      throw new InvalidSettingException(setting + " names " + file + ", which is not a PEM RSA " + type.toLowerCase()
          + " (\"-----BEGIN " + type + "-----\"): " + e.getMessage());
    }
    return pem.getBytes(StandardCharsets.UTF_8);
  }
}
