-- Carrier tracking (Kuaidi100): the subscription of each posted order's EMS waybill, queued in the
-- transaction that posts the order, with the salt its pushes are signed with (kept per row, so a new
-- configured salt applies to new subscriptions only).
CREATE TABLE tracking_subscription (
  order_no       text PRIMARY KEY REFERENCES report_order(order_no),
  waybill_no     text UNIQUE,
  salt           text NOT NULL,
  status         text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'SUBSCRIBED', 'ENDED', 'ABORTED')),
  subscribed_at  timestamptz,
  last_push_at   timestamptz,
  last_state     text,
  -- What operations should look at (the carrier's 疑难, Kuaidi100 giving up, a trail the order cannot follow).
  problem        text,
  problem_at     timestamptz,
  created_at     timestamptz NOT NULL DEFAULT now()
);

-- The carrier's scans, kept for the resident's trail. Every push repeats the whole trail: a scan is
-- stored once, by its key (time and words).
CREATE TABLE tracking_scan (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  order_no     text NOT NULL REFERENCES report_order(order_no),
  scan_key     text NOT NULL,
  at           timestamptz NOT NULL,
  context      text NOT NULL,
  area_name    text NOT NULL DEFAULT '',
  status_code  text NOT NULL DEFAULT '',
  recorded_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (order_no, scan_key)
);
CREATE INDEX tracking_scan_order_idx ON tracking_scan (order_no, at);
