-- Keyed hashes for the lookups staff and operators make without decrypting anything: a patient's
-- name (exact, spaces removed) and the last four digits of a phone. Hashes are namespaced inside
-- PersonalData, so a name and a phone tail never meet. Rows made before this migration are filled
-- by the personal-data batch job; until then they are simply not found by these searches.
ALTER TABLE report_order
  ADD COLUMN patient_name_hash text,
  ADD COLUMN patient_phone_tail_hash text,
  ADD COLUMN recipient_phone_tail_hash text;
CREATE INDEX report_order_site_name_hash_idx ON report_order (site_code, patient_name_hash);
CREATE INDEX report_order_site_patient_tail_idx ON report_order (site_code, patient_phone_tail_hash);
CREATE INDEX report_order_site_recipient_tail_idx ON report_order (site_code, recipient_phone_tail_hash);
CREATE INDEX report_order_patient_phone_hash_idx ON report_order (patient_phone_hash);
CREATE INDEX report_order_recipient_phone_hash_idx ON report_order (recipient_phone_hash);
