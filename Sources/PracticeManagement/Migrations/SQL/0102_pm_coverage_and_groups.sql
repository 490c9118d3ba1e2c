-- PM-02 coverage: which payer covers a patient, and in which order.
CREATE TABLE pm_coverages (
  organization_id uuid NOT NULL REFERENCES pf_organizations(id),
  id uuid NOT NULL,
  patient_id uuid NOT NULL,
  payer_id uuid NOT NULL,
  member_id text NOT NULL CHECK (length(member_id) BETWEEN 1 AND 80),
  priority int NOT NULL DEFAULT 1 CHECK (priority BETWEEN 1 AND 3), -- 1 = primary
  effective_from date NOT NULL,
  effective_to date,
  active boolean NOT NULL DEFAULT true,
  PRIMARY KEY (organization_id, id),
  FOREIGN KEY (organization_id, patient_id) REFERENCES pm_patients (organization_id, id),
  FOREIGN KEY (organization_id, payer_id) REFERENCES pm_payers (organization_id, id),
  CHECK (effective_to IS NULL OR effective_to >= effective_from)
);
CREATE INDEX pm_coverages_patient ON pm_coverages (organization_id, patient_id);
SELECT pf_enable_tenant_isolation('pm_coverages');

-- PM-04 group definitions: the template a group meets under.
CREATE TABLE pm_group_definitions (
  organization_id uuid NOT NULL REFERENCES pf_organizations(id),
  id uuid NOT NULL,
  facility_id uuid NOT NULL,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  group_type text NOT NULL CHECK (length(group_type) BETWEEN 1 AND 80),
  capacity int NOT NULL CHECK (capacity BETWEEN 1 AND 100),
  default_facilitator_id uuid,
  PRIMARY KEY (organization_id, id),
  FOREIGN KEY (organization_id, facility_id) REFERENCES pf_facilities (organization_id, id)
);
SELECT pf_enable_tenant_isolation('pm_group_definitions');

-- PM-04 scheduled occurrences; times are wall-clock in the facility's zone.
CREATE TABLE pm_group_schedule (
  organization_id uuid NOT NULL REFERENCES pf_organizations(id),
  id uuid NOT NULL,
  group_definition_id uuid NOT NULL,
  session_date date NOT NULL,
  start_time time NOT NULL,
  end_time time NOT NULL,
  location text,
  facilitator_id uuid,
  status text NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'cancelled', 'completed')),
  -- The scheduling feed's own id for the occurrence: re-importing the same feed updates, never duplicates.
  external_id text,
  PRIMARY KEY (organization_id, id),
  FOREIGN KEY (organization_id, group_definition_id) REFERENCES pm_group_definitions (organization_id, id),
  CHECK (end_time > start_time)
);
CREATE UNIQUE INDEX pm_group_schedule_external ON pm_group_schedule (organization_id, external_id) WHERE external_id IS NOT NULL;
SELECT pf_enable_tenant_isolation('pm_group_schedule');

CREATE TABLE pm_group_enrollments (
  organization_id uuid NOT NULL REFERENCES pf_organizations(id),
  group_definition_id uuid NOT NULL,
  patient_id uuid NOT NULL,
  enrolled_on date NOT NULL DEFAULT current_date,
  PRIMARY KEY (organization_id, group_definition_id, patient_id),
  FOREIGN KEY (organization_id, group_definition_id) REFERENCES pm_group_definitions (organization_id, id),
  FOREIGN KEY (organization_id, patient_id) REFERENCES pm_patients (organization_id, id)
);
SELECT pf_enable_tenant_isolation('pm_group_enrollments');
