-- Residents: one row per person, found by the openid WeChat gives us (official account or
-- mini-program) or by the unionid shared between them.
CREATE TABLE resident (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  mp_openid   text UNIQUE,
  ma_openid   text UNIQUE,
  unionid     text UNIQUE,
  created_at  timestamptz NOT NULL DEFAULT now(),
  CHECK (mp_openid IS NOT NULL OR ma_openid IS NOT NULL)
);

CREATE TABLE report_order (
  order_no                  text PRIMARY KEY CHECK (order_no ~ '^[0-9A-Za-z]{6,32}$'),
  resident_id               bigint NOT NULL REFERENCES resident(id),
  site_code                 text NOT NULL REFERENCES site(code),
  status                    text NOT NULL CHECK (status IN ('PENDING_PAYMENT', 'PAID', 'READY', 'HANDED_OVER',
                              'POSTED', 'IN_TRANSIT', 'OUT_FOR_DELIVERY', 'DELIVERED', 'CANCELLED', 'CLOSED',
                              'REFUNDING', 'REFUNDED', 'DELIVERY_FAILED', 'RETURNED')),
  amount_fen                int  NOT NULL CHECK (amount_fen >= 0),
  -- Personal data: ID and phone numbers are encrypted (key id inside the value) with a keyed
  -- hash beside each for exact lookup.
  patient_name              text NOT NULL,
  patient_id_type           text NOT NULL,
  patient_id_enc            text NOT NULL,
  patient_id_hash           text NOT NULL,
  patient_phone_enc         text NOT NULL,
  patient_phone_hash        text NOT NULL,
  sampled_on                date NOT NULL,
  recipient_name            text NOT NULL,
  recipient_phone_enc       text NOT NULL,
  recipient_phone_hash      text NOT NULL,
  recipient_province        text NOT NULL,
  recipient_city            text NOT NULL,
  recipient_district        text NOT NULL,
  recipient_address         text NOT NULL,
  copies                    int  NOT NULL CHECK (copies BETWEEN 1 AND 3),
  remark                    text NOT NULL DEFAULT '',
  idempotency_key           text,
  request_hash              text,
  pay_appid                 text,
  prepay_id                 text,
  prepay_expires_at         timestamptz,
  transaction_id            text UNIQUE,
  paid_at                   timestamptz,
  refund_reason             text,
  refund_id                 text,
  refunded_at               timestamptz,
  waybill_no                text UNIQUE,
  flagged                   boolean NOT NULL DEFAULT false,
  -- A background job claims an order until this time, so two instances never work on it at once.
  lease_until               timestamptz,
  created_at                timestamptz NOT NULL DEFAULT now(),
  updated_at                timestamptz NOT NULL DEFAULT now(),
  UNIQUE (resident_id, idempotency_key)
);
CREATE INDEX report_order_resident_idx ON report_order (resident_id, created_at DESC);
CREATE INDEX report_order_site_status_idx ON report_order (site_code, status);
CREATE INDEX report_order_status_created_idx ON report_order (status, created_at);
CREATE INDEX report_order_patient_id_hash_idx ON report_order (patient_id_hash);

-- The timeline: one row per transition, never updated. The idempotency key makes a replayed
-- event a no-op (23505 on this key means "already done").
CREATE TABLE order_event (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  order_no         text NOT NULL REFERENCES report_order(order_no),
  from_status      text,
  to_status        text NOT NULL,
  actor_role       text NOT NULL,
  actor_id         text NOT NULL,
  at               timestamptz NOT NULL,
  location         text NOT NULL DEFAULT '',
  note             text NOT NULL DEFAULT '',
  idempotency_key  text NOT NULL,
  recorded_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (order_no, idempotency_key)
);
CREATE INDEX order_event_order_idx ON order_event (order_no, id);

-- Security-relevant events (forged callbacks, mismatched notifies) for operations to review.
CREATE TABLE security_event (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind        text NOT NULL,
  detail      text NOT NULL,
  source_ip   text NOT NULL DEFAULT '',
  at          timestamptz NOT NULL DEFAULT now()
);
