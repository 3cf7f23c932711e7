-- A refund WeChat ended as ABNORMAL (e.g. the payer's card is closed) or CLOSED cannot be finished
-- by asking again: it waits for the refund desk instead of being retried for ever.
ALTER TABLE report_order ADD COLUMN refund_problem text;
ALTER TABLE report_order ADD COLUMN refund_problem_at timestamptz;
