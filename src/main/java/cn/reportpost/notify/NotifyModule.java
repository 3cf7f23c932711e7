package cn.reportpost.notify;

import cn.reportpost.audit.AuditLog;
import cn.reportpost.http.Module;
import cn.reportpost.order.OrderSideEffects;
import cn.reportpost.outbox.OutboxHandler;
import cn.reportpost.outbox.OutboxRepository;
import cn.reportpost.staff.StaffAuth;
import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Pool;

import java.util.Optional;

/**
 * Telling residents: a message queued with each status change they care about, sent as a
 * mini-program subscribe message or an official-account template message; operations retry dead ones.
 */
public final class NotifyModule implements Module {

  private final SubscribeConsents consents;
  private final ResidentNotifier notifier;
  private final OutboxRepository outbox;
  private final StaffAuth auth;
  private final AuditLog audit;

  /** {@code subscribe}: the mini-program's subscribe messages, when it is configured with a template. */
  public NotifyModule(Pool pool, OutboxRepository outbox, ResidentMessenger officialAccount,
      Optional<SubscribeMessenger> subscribe, StaffAuth auth, AuditLog audit) {
    this.consents = new SubscribeConsents(pool);
    this.notifier = new ResidentNotifier(consents, subscribe, officialAccount);
    this.outbox = outbox;
    this.auth = auth;
    this.audit = audit;
  }

  public SubscribeConsents consents() {
    return consents;
  }

  /** What a transition queues for the resident to hear about. */
  public OrderSideEffects announcements() {
    return new OutboxWriter();
  }

  /** Sends every outbox row that is a message to the resident. */
  public OutboxHandler messages() {
    return notifier;
  }

  @Override
  public void mount(Router router) {
    new NotificationOpsRoutes(outbox, auth, audit).mount(router);
  }
}
