-- The GB/T 2260 codes of the recipient's province, city and district, stored with their names so
-- orders sort and group by division however the names were written. Orders made before this
-- migration keep null codes: their names were free text and are not guessed at here.
ALTER TABLE report_order
  ADD COLUMN recipient_province_code text,
  ADD COLUMN recipient_city_code text,
  ADD COLUMN recipient_district_code text;

-- The duplicate check on a new order: the resident's orders for one patient (keyed hash of the
-- ID number) and sample date.
CREATE INDEX report_order_resident_patient_idx ON report_order (resident_id, patient_id_hash, sampled_on);
