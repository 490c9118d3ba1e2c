-- PM-48: patient cost estimates (what the patient is expected to owe for a service, in cents).
-- Each one is published as pm_cost_estimate_generated in the transaction that records it.
CREATE TABLE pm_cost_estimates (
  organization_id uuid NOT NULL REFERENCES pf_organizations(id),
  id uuid NOT NULL,
  patient_id uuid NOT NULL,
  service_type text NOT NULL CHECK (length(service_type) BETWEEN 1 AND 80),
  patient_estimated_responsibility bigint NOT NULL CHECK (patient_estimated_responsibility >= 0),
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organization_id, id),
  FOREIGN KEY (organization_id, patient_id) REFERENCES pm_patients (organization_id, id)
);
CREATE INDEX pm_cost_estimates_patient ON pm_cost_estimates (organization_id, patient_id, created_at);
SELECT pf_enable_tenant_isolation('pm_cost_estimates');
REVOKE UPDATE, DELETE ON pm_cost_estimates FROM careledger_app;

-- PM-32's counselor worklist: a patient to see about paying, opened automatically by a cost estimate
-- above the financial clearance threshold. One per estimate: the unique key makes a redelivered
-- event a no-op without reading first. estimate_id refers to a cost estimate, which may come from
-- another system, so it is not a foreign key.
CREATE TABLE pm_financial_counseling_referrals (
  organization_id uuid NOT NULL REFERENCES pf_organizations(id),
  id uuid NOT NULL,
  patient_id uuid NOT NULL,
  source text NOT NULL CHECK (source IN ('cost_estimate')),
  estimate_id uuid,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  -- Where the threshold the estimate exceeded came from, and its value (the organization's policy, not PHI).
  threshold_source text CHECK (threshold_source IN ('jurisdiction_profile', 'module_setting', 'default')),
  threshold_cents bigint,
  opened_at timestamptz NOT NULL DEFAULT now(),
  closed_at timestamptz,
  PRIMARY KEY (organization_id, id),
  UNIQUE (organization_id, estimate_id),
  FOREIGN KEY (organization_id, patient_id) REFERENCES pm_patients (organization_id, id),
  CHECK ((source = 'cost_estimate') = (estimate_id IS NOT NULL)),
  CHECK ((status = 'closed') = (closed_at IS NOT NULL))
);
CREATE INDEX pm_financial_counseling_referrals_open ON pm_financial_counseling_referrals (organization_id, status, opened_at);
SELECT pf_enable_tenant_isolation('pm_financial_counseling_referrals');
REVOKE DELETE ON pm_financial_counseling_referrals FROM careledger_app;
