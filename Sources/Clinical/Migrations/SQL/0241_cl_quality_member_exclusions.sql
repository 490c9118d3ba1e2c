-- Issue 17: HEDIS's hospice and death exclusions need to know how a stay or visit ended. FHIR
-- Encounter.hospitalization.dischargeDisposition (HL7 discharge-disposition code: exp = expired,
-- hosp = to hospice) is kept as sent; imports before this column have none.
ALTER TABLE cl_external_encounters
  ADD COLUMN discharge_disposition text CHECK (discharge_disposition ~ '^[A-Za-z0-9-]{1,40}$');
CREATE INDEX cl_external_encounters_disposition ON cl_external_encounters (organization_id, patient_id, end_date)
  WHERE discharge_disposition IN ('exp', 'hosp');
