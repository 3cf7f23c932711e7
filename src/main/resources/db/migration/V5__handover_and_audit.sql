-- A handover batch: site staff hand a set of READY orders to a courier, who confirms what arrived.
CREATE TABLE handover_batch (
  handover_no    text PRIMARY KEY,
  site_code      text NOT NULL REFERENCES site(code),
  status         text NOT NULL CHECK (status IN ('OPEN', 'CONFIRMED')),
  created_by     text NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  confirmed_by   text,
  confirmed_at   timestamptz,
  missing_count  int NOT NULL DEFAULT 0
);
CREATE INDEX handover_batch_site_idx ON handover_batch (site_code, status, created_at DESC);

CREATE TABLE handover_item (
  handover_no  text NOT NULL REFERENCES handover_batch(handover_no),
  order_no     text NOT NULL REFERENCES report_order(order_no),
  received     boolean,
  PRIMARY KEY (handover_no, order_no)
);
-- An order sits in at most one open batch at a time.
CREATE TABLE handover_open_order (
  order_no     text PRIMARY KEY REFERENCES report_order(order_no),
  handover_no  text NOT NULL REFERENCES handover_batch(handover_no)
);

-- Every staff action: who, what, on what, when, from where.
CREATE TABLE audit_log (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  actor      text NOT NULL,
  role       text NOT NULL,
  action     text NOT NULL,
  target     text NOT NULL,
  detail     text NOT NULL DEFAULT '',
  source_ip  text NOT NULL DEFAULT '',
  at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_log_at_idx ON audit_log (at DESC);
