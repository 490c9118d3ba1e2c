-- Issue 19: procedures and medication events (requests, dispensings, administrations) from the
-- same FHIR bundles as encounters, for treatment-based IET and AMM. patient_id is a Practice
-- Management patient matched by MRN through the integration layer (no foreign key). code_system
-- is the product's key for the system, whichever of its addresses the sender used.
CREATE TABLE cl_external_treatment_events (
  organization_id uuid NOT NULL REFERENCES pf_organizations(id),
  id uuid NOT NULL,
  resource_type text NOT NULL CHECK (resource_type IN ('Procedure', 'MedicationRequest', 'MedicationDispense', 'MedicationAdministration')),
  source_system text NOT NULL CHECK (length(source_system) <= 200),
  source_id text NOT NULL CHECK (length(source_id) BETWEEN 1 AND 200),
  patient_id uuid NOT NULL,
  status text NOT NULL,
  event_date date NOT NULL,
  code_system text NOT NULL CHECK (code_system IN ('ICD10CM', 'CPT', 'HCPCS', 'ICD10PCS', 'SNOMEDCT', 'RXNORM', 'NDC')),
  code text NOT NULL CHECK (length(code) BETWEEN 1 AND 40),
  days_supply int CHECK (days_supply BETWEEN 1 AND 365),
  content_digest text NOT NULL,
  imported_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organization_id, id),
  UNIQUE (organization_id, resource_type, source_system, source_id)
);
CREATE INDEX cl_external_treatment_events_patient ON cl_external_treatment_events (organization_id, patient_id, event_date);
SELECT pf_enable_tenant_isolation('cl_external_treatment_events');
