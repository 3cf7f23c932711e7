package cn.reportpost.notify;

import io.vertx.core.json.JsonObject;

/** A claimed outbox row, with the official-account openid of its resident (null when unknown). */
record OutboxMessage(long id, String orderNo, String kind, JsonObject payload, int attempts, String openid) {}
