-- The after-sales SLA: a case unanswered past its limit is a breach of the order's
-- AFTERSALES_UNANSWERED stage, closed by the first answer (or the resolution), not by the order
-- moving on (the order's status trigger closes only the breaches of its status stages).
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
