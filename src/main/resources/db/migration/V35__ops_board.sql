-- Operations: the live board, the daily report and SLA breaches read kept counters, never a count
-- over report_order at request time.
--
-- Every insert and status change of an order appends delta rows (insert-only, so concurrent
-- transitions never wait on one hot counter row nor deadlock on two); a job folds them into the
-- counters every few seconds, and a reader adds the few deltas not folded yet.

-- When the order entered its status, and its SLA stage (POSTED, IN_TRANSIT and OUT_FOR_DELIVERY
-- are one stage: the clock runs from POSTED to DELIVERED).
ALTER TABLE report_order ADD COLUMN status_since timestamptz;
ALTER TABLE report_order ADD COLUMN stage_since timestamptz;
UPDATE report_order SET status_since = updated_at, stage_since = updated_at;
ALTER TABLE report_order ALTER COLUMN status_since SET DEFAULT now();
ALTER TABLE report_order ALTER COLUMN stage_since SET DEFAULT now();
ALTER TABLE report_order ALTER COLUMN status_since SET NOT NULL;
ALTER TABLE report_order ALTER COLUMN stage_since SET NOT NULL;
CREATE INDEX report_order_stage_since_idx ON report_order (status, stage_since)
  WHERE status IN ('PAID', 'READY', 'HANDED_OVER', 'POSTED', 'IN_TRANSIT', 'OUT_FOR_DELIVERY', 'REFUNDING');
-- Exports by creation time.
CREATE INDEX report_order_created_idx ON report_order (created_at, order_no);

CREATE FUNCTION ops_stage(status text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN status IN ('IN_TRANSIT', 'OUT_FOR_DELIVERY') THEN 'POSTED' ELSE status END
$$;

-- Orders of each city in each status now (folded part).
CREATE TABLE ops_status_count (
  city_code  char(6) NOT NULL,
  status     text NOT NULL,
  n          bigint NOT NULL,
  PRIMARY KEY (city_code, status)
);

-- Orders that entered each status in each hour, per city, with their amount: orders per hour
-- (PENDING_PAYMENT entries) and every figure of the daily report come from here.
CREATE TABLE ops_flow (
  hour        timestamptz NOT NULL,
  city_code   char(6) NOT NULL,
  status      text NOT NULL,
  entered     bigint NOT NULL,
  amount_fen  bigint NOT NULL,
  PRIMARY KEY (hour, city_code, status)
);

-- Not yet folded: +1/-1 of "present" per status left or entered; "entered" 1 for the new status.
CREATE TABLE ops_delta (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  city_code   char(6) NOT NULL,
  status      text NOT NULL,
  hour        timestamptz NOT NULL,
  present     int NOT NULL,
  entered     int NOT NULL,
  amount_fen  bigint NOT NULL
);

-- Recent transitions for the board's event stream: the id is the SSE event id on every instance,
-- and a client that reconnects with Last-Event-ID gets what it missed. Pruned after a day.
CREATE TABLE ops_board_event (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  order_no     text NOT NULL,
  city_code    char(6) NOT NULL,
  from_status  text,
  to_status    text NOT NULL,
  at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ops_board_event_at_idx ON ops_board_event (at);

-- Each breach of a stage's limit, found once per order and stage (the alert goes with the find);
-- closed when the order leaves the stage.
CREATE TABLE ops_breach (
  order_no     text NOT NULL REFERENCES report_order(order_no),
  stage        text NOT NULL,
  city_code    char(6) NOT NULL,
  since        timestamptz NOT NULL,
  due_at       timestamptz NOT NULL,
  found_at     timestamptz NOT NULL DEFAULT now(),
  closed_at    timestamptz,
  PRIMARY KEY (order_no, stage)
);
CREATE INDEX ops_breach_open_idx ON ops_breach (due_at, order_no, stage) WHERE closed_at IS NULL;
CREATE INDEX ops_breach_due_idx ON ops_breach (due_at);

-- A day's report as generated after the cut-off, kept so that a late correction cannot change a filed report.
CREATE TABLE ops_daily_report (
  day           date PRIMARY KEY,
  generated_at  timestamptz NOT NULL DEFAULT now(),
  body          jsonb NOT NULL
);

CREATE FUNCTION ops_order_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  city char(6);
  hr timestamptz := date_trunc('hour', now());
  event_id bigint;
  event_at timestamptz;
BEGIN
  SELECT s.city_code INTO city FROM site s WHERE s.code = NEW.site_code;
  IF TG_OP = 'INSERT' THEN
    INSERT INTO ops_delta (city_code, status, hour, present, entered, amount_fen)
      VALUES (city, NEW.status, hr, 1, 1, NEW.amount_fen);
  ELSE
    INSERT INTO ops_delta (city_code, status, hour, present, entered, amount_fen)
      VALUES (city, OLD.status, hr, -1, 0, 0), (city, NEW.status, hr, 1, 1, NEW.amount_fen);
    IF ops_stage(OLD.status) <> ops_stage(NEW.status) THEN
      -- Only the breaches of its status stages: an after-sales case's breach waits for an answer.
      UPDATE ops_breach SET closed_at = now()
        WHERE order_no = NEW.order_no AND closed_at IS NULL AND stage <> 'AFTERSALES_UNANSWERED';
    END IF;
  END IF;
  INSERT INTO ops_board_event (order_no, city_code, from_status, to_status)
    VALUES (NEW.order_no, city, CASE WHEN TG_OP = 'UPDATE' THEN OLD.status END, NEW.status)
    RETURNING id, at INTO event_id, event_at;
  -- Delivered at commit to every instance's board stream, the event whole: no instance reads it back.
  PERFORM pg_notify('ops_board', json_build_object('id', event_id, 'orderNo', NEW.order_no, 'cityCode', city,
    'from', CASE WHEN TG_OP = 'UPDATE' THEN OLD.status END, 'to', NEW.status, 'at', event_at)::text);
  RETURN NULL;
END $$;

CREATE FUNCTION ops_order_status_clock() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.status_since := now();
  IF ops_stage(OLD.status) <> ops_stage(NEW.status) THEN
    NEW.stage_since := now();
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER report_order_status_clock BEFORE UPDATE OF status ON report_order
  FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION ops_order_status_clock();
CREATE TRIGGER report_order_ops_inserted AFTER INSERT ON report_order
  FOR EACH ROW EXECUTE FUNCTION ops_order_changed();
CREATE TRIGGER report_order_ops_moved AFTER UPDATE OF status ON report_order
  FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION ops_order_changed();

-- Orders that exist already: counted as they stand; their past flow is rebuilt from the timeline.
INSERT INTO ops_status_count (city_code, status, n)
  SELECT s.city_code, o.status, count(*) FROM report_order o JOIN site s ON s.code = o.site_code
  GROUP BY s.city_code, o.status;
INSERT INTO ops_flow (hour, city_code, status, entered, amount_fen)
  SELECT date_trunc('hour', e.at), s.city_code, e.to_status, count(*), sum(o.amount_fen)
  FROM order_event e JOIN report_order o ON o.order_no = e.order_no JOIN site s ON s.code = o.site_code
  GROUP BY 1, 2, 3;
