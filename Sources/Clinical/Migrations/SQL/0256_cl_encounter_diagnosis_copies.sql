-- IET and AMM find diagnoses by code and need of the encounter only its patient, kind, status and
-- dates. A diagnosis row without them had to be joined to every encounter of the organization
-- (2.17 million at the benchmark's size) to learn them; each diagnosis now carries a copy, so
-- those reads are an index-only scan of the code index below.
ALTER TABLE cl_external_encounter_diagnoses
  ADD COLUMN patient_id uuid,
  ADD COLUMN kind text,
  ADD COLUMN status text,
  ADD COLUMN start_date date,
  ADD COLUMN end_date date;
UPDATE cl_external_encounter_diagnoses d
   SET patient_id = e.patient_id, kind = e.kind, status = e.status, start_date = e.start_date, end_date = e.end_date
  FROM cl_external_encounters e
 WHERE e.organization_id = d.organization_id AND e.id = d.encounter_id;
ALTER TABLE cl_external_encounter_diagnoses
  ALTER COLUMN patient_id SET NOT NULL,
  ALTER COLUMN kind SET NOT NULL,
  ALTER COLUMN status SET NOT NULL,
  ALTER COLUMN start_date SET NOT NULL,
  ALTER COLUMN end_date SET NOT NULL;

-- The copy is written with the diagnosis, from the encounter's row, by the statement that writes
-- the diagnosis (`EncounterImport`). An encounter whose patient, kind, status or dates change (a
-- re-import of the same source identifier, or any other UPDATE) passes the change to its
-- diagnoses in the same statement: a row trigger whose WHEN clause lets every other update
-- through without calling anything. (A foreign key over the copied columns with ON UPDATE
-- CASCADE was tried instead: its check's generic plan probed the encounters by another index, by
-- kind and start date, and loading the benchmark's 2.7 million diagnoses took minutes.)
CREATE FUNCTION cl_encounter_diagnosis_copy_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE cl_external_encounter_diagnoses
     SET patient_id = NEW.patient_id, kind = NEW.kind, status = NEW.status, start_date = NEW.start_date, end_date = NEW.end_date
   WHERE organization_id = NEW.organization_id AND encounter_id = NEW.id;
  RETURN NULL;
END $$;
CREATE TRIGGER cl_external_encounters_diagnosis_copy
  AFTER UPDATE OF patient_id, kind, status, start_date, end_date ON cl_external_encounters
  FOR EACH ROW
  WHEN ((OLD.patient_id, OLD.kind, OLD.status, OLD.start_date, OLD.end_date)
        IS DISTINCT FROM (NEW.patient_id, NEW.kind, NEW.status, NEW.start_date, NEW.end_date))
  EXECUTE FUNCTION cl_encounter_diagnosis_copy_changed();

-- By code, then date: everything IET's and AMM's reads filter on or return is in the index. It
-- replaces 0255's code index, which it serves in the same way (the walk over the codes in use).
CREATE INDEX cl_external_encounter_diagnoses_code_day ON cl_external_encounter_diagnoses (organization_id, code, start_date)
  INCLUDE (end_date, patient_id, kind, status, encounter_id);
DROP INDEX cl_external_encounter_diagnoses_code_encounter;
