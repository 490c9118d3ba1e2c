-- PM-02 via PM-32: a patient's referral to an assistance program and its application's progress.
-- Each status has its own timestamp column, set by the move into it; an approval links the coverage
-- (policy) the program granted, which must be this patient's.
CREATE TABLE pm_assistance_program_referrals (
  organization_id uuid NOT NULL REFERENCES pf_organizations(id),
  id uuid NOT NULL,
  patient_id uuid NOT NULL,
  program text NOT NULL CHECK (program IN ('ahcccs_medicaid', 'kidscare_chip', 'marketplace', 'medicare_savings',
                                           'pharmaceutical_assistance', 'other')),
  application_status text NOT NULL DEFAULT 'identified'
    CHECK (application_status IN ('identified', 'referred', 'application_submitted', 'approved', 'denied', 'withdrawn')),
  policy_id uuid,
  identified_at timestamptz NOT NULL DEFAULT now(),
  referred_at timestamptz,
  application_submitted_at timestamptz,
  approved_at timestamptz,
  denied_at timestamptz,
  withdrawn_at timestamptz,
  version int NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_by uuid,
  PRIMARY KEY (organization_id, id),
  FOREIGN KEY (organization_id, patient_id) REFERENCES pm_patients (organization_id, id),
  FOREIGN KEY (organization_id, policy_id) REFERENCES pm_coverages (organization_id, id),
  CHECK ((application_status = 'approved') = (policy_id IS NOT NULL)),
  CHECK ((application_status = 'approved') = (approved_at IS NOT NULL)),
  CHECK ((application_status = 'denied') = (denied_at IS NOT NULL)),
  CHECK ((application_status = 'withdrawn') = (withdrawn_at IS NOT NULL))
);
CREATE INDEX pm_assistance_program_referrals_patient ON pm_assistance_program_referrals (organization_id, patient_id, identified_at);
SELECT pf_enable_tenant_isolation('pm_assistance_program_referrals');
REVOKE DELETE ON pm_assistance_program_referrals FROM careledger_app;
