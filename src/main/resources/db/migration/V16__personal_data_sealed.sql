-- Every personal field of an order is sealed (AES-GCM, key id and format version inside the
-- value, associated data naming table, column and row); rows written before are re-sealed in
-- batches by a background job while the service runs. The fields become nullable so they can be
-- erased once the order has ended and the retention period is over (or the resident asks);
-- personal_data_erased_at says when. Province, city and district stay plain: routing, sorting and
-- the reports by city need them, and they identify no one.
ALTER TABLE report_order
  ALTER COLUMN patient_name DROP NOT NULL,
  ALTER COLUMN patient_id_enc DROP NOT NULL,
  ALTER COLUMN patient_id_hash DROP NOT NULL,
  ALTER COLUMN patient_phone_enc DROP NOT NULL,
  ALTER COLUMN patient_phone_hash DROP NOT NULL,
  ALTER COLUMN recipient_name DROP NOT NULL,
  ALTER COLUMN recipient_phone_enc DROP NOT NULL,
  ALTER COLUMN recipient_phone_hash DROP NOT NULL,
  ALTER COLUMN recipient_address DROP NOT NULL,
  ADD COLUMN personal_data_erased_at timestamptz;

-- The retention job looks only at ended orders not yet erased.
CREATE INDEX report_order_retention_idx ON report_order (status)
  WHERE personal_data_erased_at IS NULL
    AND status IN ('DELIVERED', 'RETURNED', 'REFUNDED', 'CLOSED', 'CANCELLED');
