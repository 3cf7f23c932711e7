-- Messages to residents, written in the same transaction as the status change they announce,
-- then sent by a worker with retries; after too many failures they wait here (DEAD) for
-- operations to look at and retry.
CREATE TABLE notification_outbox (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  order_no         text NOT NULL REFERENCES report_order(order_no),
  resident_id      bigint NOT NULL REFERENCES resident(id),
  kind             text NOT NULL,
  payload          jsonb NOT NULL,
  event_key        text NOT NULL,
  status           text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'SENT', 'DEAD', 'SKIPPED')),
  attempts         int  NOT NULL DEFAULT 0,
  next_attempt_at  timestamptz NOT NULL DEFAULT now(),
  last_error       text,
  created_at       timestamptz NOT NULL DEFAULT now(),
  sent_at          timestamptz,
  UNIQUE (order_no, event_key)
);
CREATE INDEX notification_outbox_due_idx ON notification_outbox (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX notification_outbox_dead_idx ON notification_outbox (created_at) WHERE status = 'DEAD';

-- Every attempt and WeChat's answer to it.
CREATE TABLE notification_log (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  outbox_id    bigint NOT NULL REFERENCES notification_outbox(id),
  attempt      int NOT NULL,
  channel      text NOT NULL,
  ok           boolean NOT NULL,
  answer       text NOT NULL,
  at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX notification_log_outbox_idx ON notification_log (outbox_id);
