-- Set-based period computation: each measure selects its candidate events by kind and date
-- (FUH by discharge date, FUM and IET by visit date), IET finds encounters by diagnosis code, the
-- value-set narrowing walks the distinct codes, and follow-up windows find a patient's sessions.
CREATE INDEX cl_external_encounters_kind_end ON cl_external_encounters (organization_id, kind, end_date);
CREATE INDEX cl_external_encounters_kind_start ON cl_external_encounters (organization_id, kind, start_date);
CREATE INDEX cl_external_encounter_diagnoses_code ON cl_external_encounter_diagnoses (organization_id, code);
CREATE INDEX cl_group_attendance_by_patient ON cl_group_attendance (organization_id, patient_id) WHERE patient_id IS NOT NULL;
