-- The after-sales SLA: a case unanswered past its limit is a breach of the order's
-- AFTERSALES_UNANSWERED stage, closed by the first answer (or the resolution), not by the order
-- moving on; the order's status trigger now closes only the breaches of its status stages.
CREATE OR REPLACE FUNCTION ops_order_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  city char(6);
  hr timestamptz := date_trunc('hour', now());
  event_id bigint;
BEGIN
  SELECT s.city_code INTO city FROM site s WHERE s.code = NEW.site_code;
  IF TG_OP = 'INSERT' THEN
    INSERT INTO ops_delta (city_code, status, hour, present, entered, amount_fen)
      VALUES (city, NEW.status, hr, 1, 1, NEW.amount_fen);
  ELSE
    INSERT INTO ops_delta (city_code, status, hour, present, entered, amount_fen)
      VALUES (city, OLD.status, hr, -1, 0, 0), (city, NEW.status, hr, 1, 1, NEW.amount_fen);
    IF ops_stage(OLD.status) <> ops_stage(NEW.status) THEN
      UPDATE ops_breach SET closed_at = now()
        WHERE order_no = NEW.order_no AND closed_at IS NULL AND stage <> 'AFTERSALES_UNANSWERED';
    END IF;
  END IF;
  INSERT INTO ops_board_event (order_no, city_code, from_status, to_status)
    VALUES (NEW.order_no, city, CASE WHEN TG_OP = 'UPDATE' THEN OLD.status END, NEW.status)
    RETURNING id INTO event_id;
  PERFORM pg_notify('ops_board', event_id::text);
  RETURN NULL;
END $$;

CREATE FUNCTION ops_aftersales_answered() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE ops_breach SET closed_at = now()
    WHERE order_no = NEW.order_no AND stage = 'AFTERSALES_UNANSWERED' AND closed_at IS NULL
      AND NOT EXISTS (SELECT 1 FROM aftersales_case c WHERE c.order_no = NEW.order_no AND c.status = 'OPEN'
                        AND c.first_replied_at IS NULL);
  RETURN NULL;
END $$;

CREATE TRIGGER aftersales_case_answered AFTER UPDATE OF first_replied_at, status ON aftersales_case
  FOR EACH ROW WHEN (NEW.first_replied_at IS NOT NULL OR NEW.status <> 'OPEN') EXECUTE FUNCTION ops_aftersales_answered();

-- The daily report counts cases opened and resolved each day.
CREATE INDEX aftersales_case_opened_idx ON aftersales_case (opened_at);
CREATE INDEX aftersales_case_resolved_idx ON aftersales_case (resolved_at) WHERE resolved_at IS NOT NULL;
