-- A published event no longer locks its organization's row, for the reason 0043 gave for audit
-- entries: the outbox's foreign key to pf_organizations took a key-share lock on that one row for
-- every event until commit, so every concurrent publisher of one organization (each mark, each
-- charge, each dispatcher's follow-up event) shared a lock on the same row, and each overlap
-- became a new multixact. Under `bench events` the key's check was 7.6% of all CPU samples
-- (docs/BENCHMARKS.md).
--
-- What the key guarded still holds:
-- * an event names an organization that exists: the tenant isolation policy admits only the
--   transaction's own organization, and the bus publishes inside the transaction of an
--   authenticated principal's organization;
-- * an organization with events is never deleted or truncated: the guard 0043 put on
--   pf_organizations for the audit log now checks the outbox too.
ALTER TABLE pf_event_outbox DROP CONSTRAINT pf_event_outbox_organization_id_fkey;

ALTER FUNCTION pf_organization_keeps_its_audit_log() RENAME TO pf_organization_keeps_its_history;
ALTER TRIGGER pf_organizations_keep_audit_log ON pf_organizations RENAME TO pf_organizations_keep_history;
ALTER TRIGGER pf_organizations_keep_audit_log_truncate ON pf_organizations RENAME TO pf_organizations_keep_history_truncate;

CREATE OR REPLACE FUNCTION pf_organization_keeps_its_history() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    IF EXISTS (SELECT 1 FROM pf_audit_log) OR EXISTS (SELECT 1 FROM pf_event_outbox) THEN
      RAISE EXCEPTION 'organizations with audit entries or events cannot be truncated' USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NULL;
  END IF;
  IF EXISTS (SELECT 1 FROM pf_audit_log a WHERE a.organization_id = OLD.id) THEN
    RAISE EXCEPTION 'organization % has audit entries and cannot be deleted', OLD.id USING ERRCODE = 'foreign_key_violation';
  END IF;
  IF EXISTS (SELECT 1 FROM pf_event_outbox o WHERE o.organization_id = OLD.id) THEN
    RAISE EXCEPTION 'organization % has published events and cannot be deleted', OLD.id USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN OLD;
END $$;
