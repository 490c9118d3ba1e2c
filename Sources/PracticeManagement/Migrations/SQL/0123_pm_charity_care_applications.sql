-- PM-16 / PM-32 charity care applications: submitted → approved | denied. The charity
-- indicator is read live from this table (approved and not expired on the organization's
-- date); nothing copies it elsewhere. An approval always carries an expiration date.
CREATE TABLE pm_charity_care_applications (
  organization_id uuid NOT NULL REFERENCES pf_organizations(id),
  id uuid NOT NULL,
  patient_id uuid NOT NULL,
  session_id uuid NOT NULL,
  status text NOT NULL DEFAULT 'submitted' CHECK (status IN ('submitted', 'approved', 'denied')),
  submitted_at timestamptz NOT NULL DEFAULT now(),
  submitted_by uuid,
  approved_at timestamptz,
  approved_by uuid,
  discount_percent int CHECK (discount_percent BETWEEN 1 AND 100),
  expiration_date date,
  denied_at timestamptz,
  denied_by uuid,
  denial_reason text CHECK (denial_reason IS NULL OR length(denial_reason) BETWEEN 1 AND 500),
  version int NOT NULL DEFAULT 1 CHECK (version >= 1),
  PRIMARY KEY (organization_id, id),
  FOREIGN KEY (organization_id, patient_id) REFERENCES pm_patients (organization_id, id),
  FOREIGN KEY (organization_id, session_id) REFERENCES pm_financial_counseling_sessions (organization_id, id),
  CHECK ((status = 'approved') = (approved_at IS NOT NULL)),
  CHECK (status <> 'approved' OR (discount_percent IS NOT NULL AND expiration_date IS NOT NULL)),
  CHECK ((status = 'denied') = (denied_at IS NOT NULL AND denial_reason IS NOT NULL))
);
-- The index the seed names for the live indicator: one range probe per patient.
CREATE INDEX idx_pm_charity_care_applications_patient ON pm_charity_care_applications (organization_id, patient_id, expiration_date);
SELECT pf_enable_tenant_isolation('pm_charity_care_applications');
REVOKE DELETE ON pm_charity_care_applications FROM careledger_app;
