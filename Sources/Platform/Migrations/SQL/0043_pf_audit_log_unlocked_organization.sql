-- An audit entry no longer locks its organization's row. The foreign key from pf_audit_log to
-- pf_organizations checked every new entry with a key-share lock on that one row, held to the
-- end of the transaction; the room's marks all write an entry, so every concurrent mark of one
-- organization locked the same row, and PostgreSQL turned each overlap into a new multixact (a
-- shared lock record naming every holder), written to its own log and the WAL. Driven by pgbench
-- with 16 clients inserting rows for one organization, the key cost about a quarter of each
-- insert's time (docs/BENCHMARKS.md).
--
-- What the key guarded still holds:
-- * an entry names an organization that exists: the tenant isolation policy admits only the
--   transaction's own organization, and the application enters the organization of an
--   authenticated principal (the mark's entry is written after updating a row of that
--   organization, whose own key proves it);
-- * an organization with audit entries is never deleted (below), as the key's NO ACTION refused.
ALTER TABLE pf_audit_log DROP CONSTRAINT pf_audit_log_organization_id_fkey;

-- Invoker's rights suffice: the owner sees every organization's entries, and the application role
-- could only ever delete its own organization, whose entries are the ones it sees.
CREATE FUNCTION pf_organization_keeps_its_audit_log() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    IF EXISTS (SELECT 1 FROM pf_audit_log) THEN
      RAISE EXCEPTION 'organizations with audit entries cannot be truncated' USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NULL;
  END IF;
  IF EXISTS (SELECT 1 FROM pf_audit_log a WHERE a.organization_id = OLD.id) THEN
    RAISE EXCEPTION 'organization % has audit entries and cannot be deleted', OLD.id USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN OLD;
END $$;
CREATE TRIGGER pf_organizations_keep_audit_log BEFORE DELETE ON pf_organizations
  FOR EACH ROW EXECUTE FUNCTION pf_organization_keeps_its_audit_log();
CREATE TRIGGER pf_organizations_keep_audit_log_truncate BEFORE TRUNCATE ON pf_organizations
  FOR EACH STATEMENT EXECUTE FUNCTION pf_organization_keeps_its_audit_log();
