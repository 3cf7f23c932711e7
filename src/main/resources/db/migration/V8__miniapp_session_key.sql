-- The mini-program's session_key of each resident, encrypted (PersonalData): needed to check and
-- decrypt what the mini-program later hands us, and never to be answered or logged.
ALTER TABLE resident ADD COLUMN ma_session_key text;
