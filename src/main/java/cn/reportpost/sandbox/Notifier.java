package cn.reportpost.sandbox;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;


/**
 * WeChat Pay's notifies: signed, the resource encrypted with the merchant's APIv3 key, and
 * retried on WeChat's schedule (scaled down) until the merchant answers 200 or 204.
 */
final class Notifier {

  private static final Logger log = LoggerFactory.getLogger(Notifier.class);
  /** WeChat Pay's retry intervals in seconds after a failed notify. */
  static final long[] SCHEDULE = {15, 15, 30, 180, 600, 1200, 1800, 1800, 1800, 3600, 10800, 10800, 10800, 21600, 21600};

  private final Vertx vertx;
  private final WebClient client;
  private final NotifyBuilder notifies;
  private final double scale;

  Notifier(Vertx vertx, SandboxKeys keys, double scale) {
    this.vertx = vertx;
    this.client = WebClient.create(vertx);
    this.notifies = new NotifyBuilder(keys);
    this.scale = scale;
  }

  /** Builds and sends one notify (a new id each time, as WeChat does for repeated deliveries). */
  void send(String url, String eventType, String originalType, String summary, JsonObject resource) {
    deliver(url, notifies.body(eventType, originalType, summary, resource), 0);
  }

  private void deliver(String url, String body, int attempt) {
    HttpRequest<Buffer> request = client.postAbs(url).timeout(5_000);
    notifies.headers(body).forEach(request::putHeader);
    request.sendBuffer(Buffer.buffer(body)).recover(e -> Future.succeededFuture(null)).onSuccess(response -> {
      int status = response == null ? 0 : response.statusCode();
      if (status == 200 || status == 204) {
        return;
      }
      if (attempt >= SCHEDULE.length) {
        log.warn("sandbox gave up notifying {} after {} attempts", url, attempt + 1);
        return;
      }
      long delay = Math.max(1, Math.round(SCHEDULE[attempt] * 1000 * scale));
      vertx.setTimer(delay, id -> deliver(url, body, attempt + 1));
    });
  }

  void close() {
    client.close();
  }
}
