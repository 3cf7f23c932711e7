package cn.reportpost.order;

import cn.reportpost.order.model.ActorRole;

import java.time.OffsetDateTime;

/**
 * What is appended to the timeline with a transition. The idempotency key identifies the event
 * itself (a courier's eventId, a WeChat transaction id, a request's key): a second event with the
 * same key is a replay and changes nothing.
 */
public record OrderEvent(ActorRole actorRole, String actorId, OffsetDateTime at, String location, String note,
    String idempotencyKey) {}
