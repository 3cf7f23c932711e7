package cn.reportpost.notify;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * Sends the mini-program's order-status subscribe message; answers WeChat's message id, or fails
 * with {@link Undeliverable} ({@code NO_CONSENT}) on 43101.
 */
public interface SubscribeMessenger {

  /** The subscribe template residents consent to in the mini-program. */
  String templateId();

  /** {@code payload} is the outbox row's: orderNo, status, at, location, note, amountFen. */
  Future<String> sendStatus(String maOpenid, JsonObject payload);
}
