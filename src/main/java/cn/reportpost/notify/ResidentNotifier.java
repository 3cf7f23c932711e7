package cn.reportpost.notify;

import cn.reportpost.outbox.SendLog;
import cn.reportpost.outbox.OutboxHandler;
import cn.reportpost.outbox.OutboxMessage;
import io.vertx.core.Future;

import java.util.Optional;

/**
 * Tells a resident about a status change on the best channel they allow: the mini-program's
 * subscribe message while they have a consent left for it, otherwise the official account's
 * template message when they came that way too (same unionid), otherwise nothing — and says so.
 */
public final class ResidentNotifier implements OutboxHandler {

  static final String SUBSCRIBE = "ma-subscribe";
  static final String TEMPLATE = "mp-template";

  private final SubscribeConsents consents;
  private final Optional<SubscribeMessenger> miniApp;
  private final ResidentMessenger officialAccount;

  /** {@code miniApp}: absent when the product runs without a mini-program or its subscribe template. */
  public ResidentNotifier(SubscribeConsents consents, Optional<SubscribeMessenger> miniApp,
      ResidentMessenger officialAccount) {
    this.consents = consents;
    this.miniApp = miniApp;
    this.officialAccount = officialAccount;
  }

  @Override
  public Future<Outcome> handle(OutboxMessage m, SendLog log) {
    Future<Outcome> subscribed = miniApp.isPresent() && m.maOpenid() != null
        ? subscribeMessage(miniApp.get(), m, log) : Future.succeededFuture(null);
    return subscribed.compose(outcome -> outcome != null ? Future.succeededFuture(outcome) : templateMessage(m, log));
  }

  /** Null when the subscribe message cannot be sent and another channel should be tried. */
  private Future<Outcome> subscribeMessage(SubscribeMessenger miniApp, OutboxMessage m, SendLog log) {
    String template = miniApp.templateId();
    log.trying(SUBSCRIBE);
    return consents.spend(m.residentId(), template).compose(spent -> {
      if (!spent) {
        log.refused("no consent left for template " + template);
        return Future.succeededFuture(null);
      }
      return miniApp.sendStatus(m.maOpenid(), m.payload())
          .map(msgid -> {
            log.ok("ok msgid=" + msgid);
            return Outcome.delivered();
          })
          .recover(e -> {
            if (e instanceof Undeliverable) {
              log.refused(e.getMessage());
              return consents.exhausted(m.residentId(), template).map(v -> null);
            }
            // Not sent: the consent is still the resident's (at worst WeChat answers 43101 later).
            return consents.giveBack(m.residentId(), template).transform(ignored -> Future.failedFuture(e));
          });
    });
  }

  private Future<Outcome> templateMessage(OutboxMessage m, SendLog log) {
    if (m.mpOpenid() == null) {
      return Future.succeededFuture(Outcome.skipped(m.maOpenid() == null
          ? "the resident has no official-account openid"
          : "no subscribe consent left, and the resident has not used the official account"));
    }
    log.trying(TEMPLATE);
    return officialAccount.sendStatus(m.mpOpenid(), m.payload())
        .map(msgid -> {
          log.ok("ok msgid=" + msgid);
          return Outcome.delivered();
        })
        .recover(e -> {
          if (e instanceof Undeliverable) {
            log.refused(e.getMessage());
            return Future.succeededFuture(Outcome.skipped("the resident does not follow the official account"));
          }
          return Future.failedFuture(e);
        });
  }
}
