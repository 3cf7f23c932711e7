package cn.reportpost.shipping;

import cn.reportpost.http.Module;
import cn.reportpost.order.Orders;
import cn.reportpost.outbox.OutboxHandler;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * WeChat's order shipping management for orders paid in the mini-program: shipping information on
 * POSTED, the receipt reminder on DELIVERED, as {@link ShippingQueue} queued them. Present only
 * with a mini-program.
 */
public final class ShippingModule implements Module {

  private final ShippingTasks tasks;

  /** {@code managedFor}: how long WeChat's answer to "is the merchant trade-managed" is reused. */
  public ShippingModule(ShippingPort wechat, Orders orders, Clock clock, Duration managedFor) {
    this.tasks = new ShippingTasks(wechat, orders, clock, managedFor);
  }

  public Map<String, OutboxHandler> outboxHandlers() {
    return Map.of(ShippingQueue.SHIPPING_INFO, tasks, ShippingQueue.RECEIPT_REMINDER, tasks);
  }
}
