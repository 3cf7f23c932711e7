package cn.reportpost.notify;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * Sends a status template message to a resident on the official account; answers WeChat's
 * message id, or fails with {@link Undeliverable} ({@code NOT_FOLLOWING}) on 43004.
 */
public interface ResidentMessenger {

  /** {@code payload} is the outbox row's: orderNo, status, at, location, note, amountFen. */
  Future<String> sendStatus(String openid, JsonObject payload);
}
