-- The site workbench. When the envelope label was last printed, and whether the address changed
-- since (the label on the envelope is wrong until it is printed again).
ALTER TABLE report_order
  ADD COLUMN label_printed_at timestamptz,
  ADD COLUMN reprint_needed boolean NOT NULL DEFAULT false;

-- The queue of one site, oldest first, paged by (created_at, order_no): every page is a range
-- scan of this index, however deep, with or without a status.
CREATE INDEX report_order_site_queue_idx ON report_order (site_code, status, created_at, order_no);
CREATE INDEX report_order_site_created_idx ON report_order (site_code, created_at, order_no);

-- An OPEN batch may be cancelled by the site before the courier confirms it.
ALTER TABLE handover_batch DROP CONSTRAINT handover_batch_status_check;
ALTER TABLE handover_batch ADD CONSTRAINT handover_batch_status_check CHECK (status IN ('OPEN', 'CONFIRMED', 'CANCELLED'));
ALTER TABLE handover_batch ADD COLUMN cancelled_by text, ADD COLUMN cancelled_at timestamptz;
