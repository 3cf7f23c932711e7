package cn.reportpost.sandbox;

import cn.reportpost.config.AppConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Dev and test mode's WeChat credentials, made fresh at every start, and split the way the real
 * world splits them: the product gets the merchant private key and WeChat Pay's public key (as PEM
 * files under the data folder, read like production reads them); the sandbox gets the merchant's
 * public key and WeChat Pay's private key. Official-account values and a Kuaidi100 key set in the
 * environment are used by both sides.
 */
public record DevCredentials(AppConfig productConfig, SandboxSettings sandbox) {

  public static DevCredentials generate(AppConfig config) {
    if (!config.mode().embedded()) {
      // The only way to build SandboxSettings, hence the only way to start a sandbox.
      throw new IllegalStateException("the WeChat sandbox exists only in dev and test mode");
    }
    int port = config.integer("dev.sandboxPort");
    String appId = given(config, "wechat.mp.appId", () -> "wx" + SandboxCrypto.hex(8).toLowerCase());
    String secret = given(config, "wechat.mp.secret", () -> SandboxCrypto.hex(16).toLowerCase());
    String token = given(config, "wechat.mp.token", () -> SandboxCrypto.random(32));
    String aesKey = given(config, "wechat.mp.aesKey",
        () -> config.bool("dev.sandbox.safeMode") ? SandboxCrypto.random(43) : "");
    String maAppId = given(config, "wechat.ma.appId", () -> "wx" + SandboxCrypto.hex(8).toLowerCase());
    String maSecret = given(config, "wechat.ma.secret", () -> SandboxCrypto.hex(16).toLowerCase());
    String mchId = "19" + SandboxCrypto.digits(8);
    KeyPair merchant = SandboxCrypto.rsa2048();
    KeyPair wechatPay = SandboxCrypto.rsa2048();
    String merchantSerial = SandboxCrypto.hex(20);
    String publicKeyId = "PUB_KEY_ID_01" + SandboxCrypto.digits(26);
    String apiV3Key = SandboxCrypto.random(32);
    String trackingKey = given(config, "tracking.kuaidi100.key", () -> SandboxCrypto.random(24));
    String trackingSalt = given(config, "tracking.kuaidi100.salt", () -> SandboxCrypto.random(32));

    Path dir = config.dataDir().resolve("wechat");
    Path privateKeyFile = write(dir.resolve("apiclient_key.pem"), SandboxCrypto.pem(merchant.getPrivate()));
    Path publicKeyFile = write(dir.resolve("pub_key.pem"), SandboxCrypto.pem(wechatPay.getPublic()));

    String local = "http://127.0.0.1:" + port;
    AppConfig product = config
        .with("wechat.mp.appId", appId).with("wechat.mp.secret", secret)
        .with("wechat.mp.token", token).with("wechat.mp.aesKey", aesKey)
        .with("wechat.mp.apiHost", local).with("wechat.mp.openHost", local).with("wechat.mp.mpHost", local)
        // A template id as the account's template library would hand it out, unless one is configured.
        .with("wechat.mp.statusTemplateId", config.string("wechat.mp.statusTemplateId").isBlank()
            ? "sandboxOrderStatusTemplate" : config.string("wechat.mp.statusTemplateId"))
        .with("wechat.mp.courierTemplateId", config.string("wechat.mp.courierTemplateId").isBlank()
            ? "sandboxCourierNewWorkTemplate" : config.string("wechat.mp.courierTemplateId"))
        // The sandbox's stand-in for WeChat's jweixin script: its wx.scanQRCode asks the tester.
        .with("wechat.mp.jssdkUrl", local + "/sandbox/jweixin.js")
        .with("wechat.ma.statusTemplateId", config.string("wechat.ma.statusTemplateId").isBlank()
            ? "sandboxMaOrderStatusTemplate" : config.string("wechat.ma.statusTemplateId"))
        .with("wechat.ma.appId", maAppId).with("wechat.ma.secret", maSecret).with("wechat.ma.apiHost", local)
        .with("wechat.pay.mchId", mchId).with("wechat.pay.apiV3Key", apiV3Key)
        .with("wechat.pay.certSerial", merchantSerial)
        .with("wechat.pay.privateKeyFile", privateKeyFile.toString())
        .with("wechat.pay.publicKeyFile", publicKeyFile.toString())
        .with("wechat.pay.publicKeyId", publicKeyId)
        // WeChat Pay's own host name, so WxJava signs and verifies; resolved to this machine.
        .with("wechat.pay.apiHost", "http://api.mch.weixin.qq.com:" + port)
        .with("wechat.pay.resolveToLoopback", true)
        // Carrier tracking subscribes through the sandbox's Kuaidi100.
        .with("tracking.kuaidi100.key", trackingKey).with("tracking.kuaidi100.salt", trackingSalt)
        .with("tracking.kuaidi100.apiHost", local)
        // SLA alerts go to the sandbox's WeCom group robot, unless a webhook is configured.
        .with("ops.sla.webhookUrl", config.string("ops.sla.webhookUrl").isBlank()
            ? local + "/cgi-bin/webhook/send?key=" + SandboxCrypto.random(16) : config.string("ops.sla.webhookUrl"));

    SandboxSettings sandbox = new SandboxSettings(port, appId, secret, token, aesKey, maAppId, maSecret,
        mchId, merchant.getPublic(), merchantSerial, wechatPay.getPrivate(), publicKeyId, apiV3Key,
        config.string("http.publicBaseUrl") + "/wx/mp",
        config.integer("dev.sandbox.notifyRetryDivisor"),
        Duration.ofMillis(config.integer("dev.sandbox.refundDelayMillis")),
        Duration.ofMillis(config.integer("dev.sandbox.timeoutFaultMillis")), trackingKey);
    return new DevCredentials(product, sandbox);
  }

  private static String given(AppConfig config, String path, Supplier<String> generator) {
    String value = config.string(path);
    return value.isBlank() ? generator.get() : value;
  }

  private static Path write(Path file, String pem) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, pem, StandardCharsets.US_ASCII);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
