package cn.reportpost.tracking;

import cn.reportpost.http.Module;
import cn.reportpost.order.OrderTransitions;
import cn.reportpost.order.Orders;
import cn.reportpost.outbox.OutboxHandler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

import java.util.Map;

/**
 * Carrier tracking through Kuaidi100 (快递100): each POSTED order's EMS waybill is subscribed (queued
 * by {@link TrackingQueue}, carried out through the outbox), and the network's scans, pushed signed
 * to {@code /track/kuaidi100}, fill the resident's trail and move the order as a courier would.
 * Present only when a Kuaidi100 key is configured.
 */
public final class TrackingModule implements Module {

  private final TrackingSubscriber subscriber;
  private final CarrierPushes pushes;
  private final Orders orders;

  /** {@code repository}: the one the order feature reads the trail from, built with it. */
  public TrackingModule(Vertx vertx, TrackingSettings settings, TrackingRepository repository, Orders orders,
      OrderTransitions transitions) {
    // Non-blocking: a subscription is one form post, made from the outbox worker's event loop.
    WebClient client = WebClient.create(vertx, new WebClientOptions().setConnectTimeout(5000).setFollowRedirects(false));
    this.subscriber = new TrackingSubscriber(client, settings, repository, orders);
    this.pushes = new CarrierPushes(settings, repository, orders, transitions);
    this.orders = orders;
  }

  public Map<String, OutboxHandler> outboxHandlers() {
    return Map.of(TrackingQueue.SUBSCRIBE_TRACKING, subscriber);
  }

  @Override
  public void mount(Router router) {
    new TrackingRoutes(pushes, orders).mount(router);
  }
}
