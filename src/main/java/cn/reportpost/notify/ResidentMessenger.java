package cn.reportpost.notify;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/** Sends a status message to a resident through WeChat; answers WeChat's message id. */
public interface ResidentMessenger {

  /** {@code payload} is the outbox row's: orderNo, status, at, location, note, amountFen. */
  Future<String> sendStatus(String openid, JsonObject payload);
}
