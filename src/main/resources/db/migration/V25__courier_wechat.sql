-- A courier's WeChat, bound once through the official account's OAuth, so that new handover
-- batches in their cities reach them as template messages. One openid per courier and one
-- courier per openid.
CREATE TABLE courier_wechat (
  staff_user_id  bigint PRIMARY KEY REFERENCES staff_user(id),
  mp_openid      text NOT NULL UNIQUE,
  bound_at       timestamptz NOT NULL DEFAULT now()
);

-- The outbox also carries messages to staff (a courier's new-work notice): no order and no
-- resident then, deduplicated on the event key alone.
ALTER TABLE notification_outbox ALTER COLUMN order_no DROP NOT NULL;
ALTER TABLE notification_outbox ALTER COLUMN resident_id DROP NOT NULL;
ALTER TABLE notification_outbox ADD CONSTRAINT notification_outbox_recipient
  CHECK ((order_no IS NULL) = (resident_id IS NULL));
CREATE UNIQUE INDEX notification_outbox_staff_key ON notification_outbox (event_key) WHERE order_no IS NULL;
