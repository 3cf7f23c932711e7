-- The daily report counts the refunds paid back each day (full and partial, through WeChat Pay or
-- offline) by when they were settled.
CREATE INDEX order_refund_settled_idx ON order_refund (settled_at) WHERE status IN ('SUCCESS', 'OFFLINE');
