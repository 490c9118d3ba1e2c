-- CL-15: encounters the practice learns of from hospitals and HIEs (FHIR R4 bundles): inpatient
-- stays, ED visits and visits elsewhere, with their ICD-10-CM diagnoses. patient_id is a Practice
-- Management patient matched by MRN through the integration layer (no foreign key: core
-- independence). A re-import is matched by the sender's identifier and replaces the row.
CREATE TABLE cl_external_encounters (
  organization_id uuid NOT NULL REFERENCES pf_organizations(id),
  id uuid NOT NULL,
  source_system text NOT NULL CHECK (length(source_system) <= 200),
  source_id text NOT NULL CHECK (length(source_id) BETWEEN 1 AND 200),
  patient_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('inpatient', 'nonacute_inpatient', 'emergency', 'outpatient')),
  status text NOT NULL,
  start_date date NOT NULL,
  end_date date NOT NULL,
  -- A digest of everything imported for the encounter, diagnoses included: an identical
  -- re-import changes nothing.
  content_digest text NOT NULL,
  imported_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organization_id, id),
  UNIQUE (organization_id, source_system, source_id),
  CHECK (end_date >= start_date)
);
CREATE INDEX cl_external_encounters_patient ON cl_external_encounters (organization_id, patient_id, start_date);
CREATE INDEX cl_external_encounters_end ON cl_external_encounters (organization_id, end_date);
SELECT pf_enable_tenant_isolation('cl_external_encounters');

CREATE TABLE cl_external_encounter_diagnoses (
  organization_id uuid NOT NULL,
  encounter_id uuid NOT NULL,
  -- ICD-10-CM without the dot, upper-case.
  code text NOT NULL CHECK (code ~ '^[A-Z][A-Z0-9]{2,6}$'),
  is_principal boolean NOT NULL,
  PRIMARY KEY (organization_id, encounter_id, code),
  FOREIGN KEY (organization_id, encounter_id) REFERENCES cl_external_encounters (organization_id, id) ON DELETE CASCADE
);
SELECT pf_enable_tenant_isolation('cl_external_encounter_diagnoses');

-- Value sets an organization loaded (its licensed HEDIS lists). A value set with rows here
-- replaces the product's default of the same name; the others keep the default.
CREATE TABLE cl_quality_value_set_codes (
  organization_id uuid NOT NULL REFERENCES pf_organizations(id),
  value_set text NOT NULL CHECK (value_set IN ('mental_illness', 'intentional_self_harm', 'mental_health_diagnosis', 'alcohol_and_other_drug')),
  code_system text NOT NULL CHECK (code_system = 'ICD10CM'),
  code text NOT NULL CHECK (code ~ '^[A-Z][A-Z0-9]{1,6}$'),
  loaded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organization_id, value_set, code_system, code)
);
SELECT pf_enable_tenant_isolation('cl_quality_value_set_codes');
