package cn.reportpost.sandbox;

import java.security.PrivateKey;
import java.security.PublicKey;

/**
 * What the sandbox holds, as WeChat would: the official account's appid and secret (to check
 * token requests) and token (to sign callbacks), the merchant's public key (to check request
 * signatures), WeChat Pay's own key pair and its id (to sign answers and notifies), and the
 * merchant's APIv3 key (to encrypt notifies). Never the merchant's private key.
 */
public record SandboxKeys(String mpAppId, String mpSecret, String mpToken, String mpAesKey, String mchId,
    PublicKey merchantPublicKey, String merchantSerial, PrivateKey payPrivateKey, String payPublicKeyId,
    String apiV3Key) {}
