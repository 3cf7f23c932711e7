package cn.reportpost.tracking;

import cn.reportpost.order.Orders;
import cn.reportpost.order.StoredOrder;
import cn.reportpost.outbox.OutboxHandler;
import cn.reportpost.outbox.OutboxMessage;
import cn.reportpost.outbox.SendLog;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;

/**
 * Subscribes a posted order's EMS waybill with Kuaidi100 ({@code POST apiHost/poll}, a form of
 * {@code schema=json} and {@code param}), as {@link TrackingQueue} queued it. Kuaidi100's 200 and
 * its 501 (重复订阅: an earlier attempt whose answer was lost went through) are done; anything else
 * fails the attempt, so the outbox retries it with backoff and dead-letters it in the end.
 */
final class TrackingSubscriber implements OutboxHandler {

  static final String CHANNEL = "kuaidi100";
  private static final long TIMEOUT_MILLIS = 10_000;

  private final WebClient client;
  private final TrackingSettings settings;
  private final TrackingRepository repository;
  private final Orders orders;

  TrackingSubscriber(WebClient client, TrackingSettings settings, TrackingRepository repository, Orders orders) {
    this.client = client;
    this.settings = settings;
    this.repository = repository;
    this.orders = orders;
  }

  @Override
  public Future<Outcome> handle(OutboxMessage m, SendLog log) {
    log.trying(CHANNEL);
    return repository.byOrder(m.orderNo()).compose(subscription -> {
      if (subscription.isEmpty()) {
        return Future.succeededFuture(Outcome.skipped("no tracking subscription was queued for this order"));
      }
      if (!subscription.get().status().equals("PENDING")) {
        log.ok("already subscribed (" + subscription.get().status() + ")");
        return Future.succeededFuture(Outcome.delivered());
      }
      return waybill(m.orderNo()).compose(waybillNo -> repository.attachWaybill(m.orderNo(), waybillNo)
          .compose(v -> subscribe(waybillNo, subscription.get().salt()))
          .compose(answer -> repository.subscribed(m.orderNo()).map(v -> {
            log.ok("EMS " + waybillNo + ": " + answer.getValue("returnCode") + " " + answer.getValue("message"));
            return Outcome.delivered();
          })));
    });
  }

  private Future<JsonObject> subscribe(String waybillNo, String salt) {
    String param = Kuaidi100.subscription(settings.key(), waybillNo, settings.callbackUrl(), salt).encode();
    return client.postAbs(settings.apiHost() + "/poll").timeout(TIMEOUT_MILLIS)
        .sendForm(MultiMap.caseInsensitiveMultiMap().add("schema", "json").add("param", param))
        .compose(TrackingSubscriber::answer);
  }

  private static Future<JsonObject> answer(HttpResponse<io.vertx.core.buffer.Buffer> response) {
    JsonObject answer;
    try {
      answer = response.statusCode() == 200 ? response.bodyAsJsonObject() : null;
    } catch (RuntimeException e) {
      answer = null;
    }
    if (answer == null) {
      return Future.failedFuture("Kuaidi100 answered HTTP " + response.statusCode());
    }
    return Kuaidi100.subscribed(answer) ? Future.succeededFuture(answer)
        : Future.failedFuture("Kuaidi100 refused the subscription: " + answer.getValue("returnCode") + " "
            + answer.getValue("message"));
  }

  /** The waybill the order was posted with. */
  private Future<String> waybill(String orderNo) {
    return orders.find(orderNo).map(found -> found.map(StoredOrder::waybillNo).orElseThrow(
        () -> new IllegalStateException("order " + orderNo + " has no waybill number")));
  }
}
