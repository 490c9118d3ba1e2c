-- A build applies the newest revision of a session, whichever events carried it (several may be
-- folded into one batch), so the record has no single event to name: 0104's event_id was never
-- written or read.
ALTER TABLE pm_group_charge_builds DROP COLUMN event_id;
