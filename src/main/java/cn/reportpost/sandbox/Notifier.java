package cn.reportpost.sandbox;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Sends WeChat Pay notifies the way WeChat does: a signed envelope around an AES-256-GCM sealed
 * resource, posted until the merchant answers 200 or 204, retrying on WeChat's schedule (divided
 * by the configured factor so dev and tests need not wait hours).
 */
final class Notifier {

  /** WeChat's documented retry delays in seconds: 15s/15s/30s/3m/10m/20m/30m/30m/30m/60m/3h/3h/3h/6h/6h. */
  static final long[] RETRY_SECONDS = {15, 15, 30, 180, 600, 1200, 1800, 1800, 1800, 3600, 10800, 10800, 10800, 21600, 21600};

  private final Vertx vertx;
  private final SandboxSettings settings;
  private final PayWire wire;
  private final WebClient client;
  /** Every delivery and its attempts, for the control endpoint and tests. */
  private final List<JsonObject> deliveries = new CopyOnWriteArrayList<>();

  Notifier(Vertx vertx, SandboxSettings settings, PayWire wire) {
    this.vertx = vertx;
    this.settings = settings;
    this.wire = wire;
    this.client = WebClient.create(vertx, new WebClientOptions().setConnectTimeout(5000).setFollowRedirects(false));
  }

  /** Starts one delivery of {@code resource} (a transaction or a refund) to {@code url}. */
  void send(String url, String eventType, String summary, String originalType, JsonObject resource) {
    String body = body(settings, eventType, summary, originalType, resource);
    JsonObject delivery = new JsonObject().put("url", url).put("eventType", eventType)
        .put("key", resource.getString("out_refund_no", resource.getString("out_trade_no")))
        .put("attempts", new JsonArray()).put("acknowledged", false);
    deliveries.add(delivery);
    attempt(delivery, body, 0);
  }

  /** A notify body as WeChat Pay writes it, the resource sealed with the merchant's APIv3 key. */
  static String body(SandboxSettings settings, String eventType, String summary, String originalType, JsonObject resource) {
    SandboxCrypto.Sealed sealed = SandboxCrypto.seal(settings.apiV3Key(), originalType, resource.encode());
    return new JsonObject()
        .put("id", UUID.randomUUID().toString())
        .put("create_time", OffsetDateTime.now(ZoneOffset.ofHours(8)).withNano(0).toString())
        .put("resource_type", "encrypt-resource")
        .put("event_type", eventType)
        .put("summary", summary)
        .put("resource", new JsonObject()
            .put("original_type", originalType).put("algorithm", "AEAD_AES_256_GCM")
            .put("ciphertext", sealed.ciphertext()).put("associated_data", sealed.associatedData())
            .put("nonce", sealed.nonce()))
        .encode();
  }

  private void attempt(JsonObject delivery, String body, int retry) {
    client.postAbs(delivery.getString("url")).timeout(5000)
        .putHeaders(wire.signed(body, settings.payPrivateKey()))
        .putHeader("Content-Type", "application/json")
        .sendBuffer(Buffer.buffer(body))
        .onComplete(ar -> {
          int status = ar.succeeded() ? ar.result().statusCode() : 0;
          delivery.getJsonArray("attempts").add(ar.succeeded() ? Integer.toString(status) : ar.cause().toString());
          if (status == 200 || status == 204) {
            delivery.put("acknowledged", true);
          } else if (retry < RETRY_SECONDS.length) {
            long delay = Math.max(1, RETRY_SECONDS[retry] * 1000 / settings.notifyRetryDivisor());
            vertx.setTimer(delay, t -> attempt(delivery, body, retry + 1));
          }
        });
  }

  List<JsonObject> deliveries() {
    return deliveries;
  }

  void close() {
    client.close();
  }
}
