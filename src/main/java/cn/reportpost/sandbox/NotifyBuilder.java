package cn.reportpost.sandbox;

import io.vertx.core.json.JsonObject;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.UUID;

/** A WeChat Pay notify as WeChat writes it: the resource encrypted with the APIv3 key, the whole signed. */
final class NotifyBuilder {

  private final SandboxKeys keys;

  NotifyBuilder(SandboxKeys keys) {
    this.keys = keys;
  }

  /** The notify body with its resource encrypted (a new id each time, as WeChat does for each delivery). */
  String body(String eventType, String originalType, String summary, JsonObject resource) {
    String nonce = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    return new JsonObject()
        .put("id", UUID.randomUUID().toString())
        .put("create_time", OffsetDateTime.now(ZoneOffset.ofHours(8)).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
        .put("resource_type", "encrypt-resource")
        .put("event_type", eventType)
        .put("summary", summary)
        .put("resource", new JsonObject().put("original_type", originalType).put("algorithm", "AEAD_AES_256_GCM")
            .put("ciphertext", PayCrypto.encrypt(keys.apiV3Key(), nonce, originalType, resource.encode()))
            .put("associated_data", originalType).put("nonce", nonce))
        .encode();
  }

  /** The Wechatpay-* headers that sign {@code body}. */
  Map<String, String> headers(String body) {
    String timestamp = Long.toString(System.currentTimeMillis() / 1000);
    String nonce = UUID.randomUUID().toString().replace("-", "");
    return Map.of("Wechatpay-Timestamp", timestamp, "Wechatpay-Nonce", nonce, "Wechatpay-Serial", keys.payPublicKeyId(),
        "Wechatpay-Signature", PayCrypto.sign(keys.payPrivateKey(), timestamp + "\n" + nonce + "\n" + body + "\n"),
        "Content-Type", "application/json");
  }
}
