-- Reconciliation asks WeChat about an order when it is due, not oldest first: each check pushes the
-- next one further out, so a few old orders cannot keep a newer lost payment waiting.
ALTER TABLE report_order ADD COLUMN next_check_at timestamptz;
ALTER TABLE report_order ADD COLUMN checks integer NOT NULL DEFAULT 0;
-- When WeChat confirmed a cancelled order's payment closed: until then reconciliation keeps asking,
-- since a close that failed leaves the payment open.
ALTER TABLE report_order ADD COLUMN payment_closed_at timestamptz;
CREATE INDEX report_order_check_due_idx ON report_order ((COALESCE(next_check_at, updated_at)))
  WHERE status IN ('PENDING_PAYMENT', 'CANCELLED', 'REFUNDING');
