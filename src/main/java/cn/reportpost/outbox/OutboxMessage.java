package cn.reportpost.outbox;

import io.vertx.core.json.JsonObject;

/**
 * A claimed outbox row, with its resident's openids: {@code mpOpenid} on the official account and
 * {@code maOpenid} in the mini-program, each null when the resident never came that way. A message
 * to staff has neither order nor resident (null).
 */
public record OutboxMessage(long id, String orderNo, String kind, JsonObject payload, int attempts, Long residentId,
    String mpOpenid, String maOpenid) {}
