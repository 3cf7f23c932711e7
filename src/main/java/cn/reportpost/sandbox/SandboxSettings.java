package cn.reportpost.sandbox;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;

/**
 * What the sandbox holds, and only that: what WeChat itself would know. It has the merchant's
 * public key (to check request signatures) but never the merchant's private key; of Kuaidi100's
 * account, the key it checks subscriptions against (each subscription brings its own salt).
 */
public record SandboxSettings(
    int port,
    String appId, String secret, String token, String aesKey,
    String maAppId, String maSecret,
    String mchId, PublicKey merchantPublicKey, String merchantSerial,
    PrivateKey payPrivateKey, String publicKeyId, String apiV3Key,
    String mpCallbackUrl,
    int notifyRetryDivisor, Duration refundDelay, Duration timeoutFaultHold,
    String trackingKey) {

  /** A private key must not show up in a log line or an assertion message. */
  @Override
  public String toString() {
    return "SandboxSettings[port=" + port + ", appId=" + appId + ", maAppId=" + maAppId + ", mchId=" + mchId + ", publicKeyId=" + publicKeyId + "]";
  }
}
