package cn.reportpost.dev;

import cn.reportpost.config.AppConfig;
import cn.reportpost.sandbox.SandboxKeys;
import cn.reportpost.wechat.Pem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Dev mode's and the tests' WeChat credentials: made once and kept under the data folder, split
 * so each side holds only what its real counterpart would. The product gets its merchant private
 * key and WeChat Pay's public key as files, like production; the sandbox gets the other halves.
 * Official-account values given in the environment (WX_MP_*) are used by both sides.
 */
public final class DevWeChat {

  private static final SecureRandom RANDOM = new SecureRandom();

  /** The product's config pointed at the sandbox, and the sandbox's keys. */
  public record Setup(AppConfig config, SandboxKeys sandbox) {}

  private DevWeChat() {}

  public static Setup prepare(AppConfig config, DevSecrets secrets, int sandboxPort) {
    String appId = orGenerated(config, "wechat.mp.appId", secrets, "mpAppId", () -> "wxdev" + hex(6));
    String secret = orGenerated(config, "wechat.mp.secret", secrets, "mpSecret", () -> hex(16));
    String token = orGenerated(config, "wechat.mp.token", secrets, "mpToken", () -> hex(8));
    String aesKey = config.string("wechat.mp.aesKey");
    String mchId = secrets.get("mchId", () -> "19" + (10_000_000 + RANDOM.nextInt(89_999_999)));
    String merchantPrivate = secrets.get("merchantPrivateKey", () -> newKeyPair("merchantPublicKey", secrets));
    String merchantPublic = secrets.get("merchantPublicKey", () -> { throw new IllegalStateException("key pair half missing"); });
    String merchantSerial = secrets.get("merchantSerial", () -> hex(20).toUpperCase());
    String payPrivate = secrets.get("payPrivateKey", () -> newKeyPair("payPublicKey", secrets));
    String payPublic = secrets.get("payPublicKey", () -> { throw new IllegalStateException("key pair half missing"); });
    String payKeyId = secrets.get("payPublicKeyId", () -> "PUB_KEY_ID_0119" + hex(12).toUpperCase());
    String apiV3Key = secrets.get("apiV3Key", () -> hex(16));

    Path dir = config.dataDir().resolve("wechat");
    Path privateFile = write(dir.resolve("apiclient_key.pem"), merchantPrivate);
    Path publicFile = write(dir.resolve("wechatpay_public_key.pem"), payPublic);
    String sandbox = "http://127.0.0.1:" + sandboxPort;
    AppConfig product = config
        .with("wechat.mp.appId", appId).with("wechat.mp.secret", secret).with("wechat.mp.token", token)
        .with("wechat.mp.apiHost", sandbox).with("wechat.mp.openHost", sandbox).with("wechat.mp.mpHost", sandbox)
        .with("wechat.mp.statusTemplateId", config.string("wechat.mp.statusTemplateId").isBlank()
            ? "sandbox-order-status" : config.string("wechat.mp.statusTemplateId"))
        .with("wechat.pay.mchId", mchId).with("wechat.pay.privateKeyFile", privateFile.toString())
        .with("wechat.pay.certSerial", merchantSerial).with("wechat.pay.apiV3Key", apiV3Key)
        .with("wechat.pay.publicKeyFile", publicFile.toString()).with("wechat.pay.publicKeyId", payKeyId)
        // WxJava signs and verifies Pay calls only for *.mch.weixin.qq.com: keep the name, resolve it here.
        .with("wechat.pay.apiHost", "http://api.mch.weixin.qq.com:" + sandboxPort)
        .with("wechat.pay.resolveToLoopback", true);
    SandboxKeys keys = new SandboxKeys(appId, secret, token, aesKey, mchId, Pem.readPublic(merchantPublic), merchantSerial,
        Pem.readPrivate(payPrivate), payKeyId, apiV3Key);
    return new Setup(product, keys);
  }

  private static String orGenerated(AppConfig config, String path, DevSecrets secrets, String name,
      java.util.function.Supplier<String> generator) {
    String given = config.string(path);
    return given.isBlank() ? secrets.get(name, generator) : given;
  }

  /** Makes an RSA pair, stores the public half under {@code publicName}, answers the private half. */
  private static String newKeyPair(String publicName, DevSecrets secrets) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048, RANDOM);
      var pair = generator.generateKeyPair();
      secrets.get(publicName, () -> Pem.publicKey(pair.getPublic()));
      return Pem.privateKey(pair.getPrivate());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Path write(Path file, String content) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, content, StandardCharsets.US_ASCII);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String hex(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}
