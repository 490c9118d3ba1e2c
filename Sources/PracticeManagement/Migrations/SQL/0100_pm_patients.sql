-- PM-01 patients: the people the practice serves. Names and dates of birth are PHI:
-- they live here and in responses to authorised callers, never in logs or events.
CREATE TABLE pm_patients (
  organization_id uuid NOT NULL REFERENCES pf_organizations(id),
  id uuid NOT NULL,
  mrn text NOT NULL CHECK (length(mrn) BETWEEN 1 AND 40),
  given_name text NOT NULL CHECK (length(given_name) BETWEEN 1 AND 100),
  family_name text NOT NULL CHECK (length(family_name) BETWEEN 1 AND 100),
  date_of_birth date NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organization_id, id),
  UNIQUE (organization_id, mrn)
);
SELECT pf_enable_tenant_isolation('pm_patients');
