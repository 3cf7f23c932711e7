-- A resident's orders newest first, in exactly the order every list asks for (created_at, then
-- order_no as the tie-break), with the columns a chat reply shows: the latest three come
-- straight from the index, without sorting all of a resident's orders or visiting the table.
CREATE INDEX report_order_resident_list_idx ON report_order (resident_id, created_at DESC, order_no DESC)
  INCLUDE (status, waybill_no);
DROP INDEX report_order_resident_idx;
