-- PM-32 financial counseling sessions: household, income and the FPL % computed from the HHS
-- guideline in effect on the session date. Income, assets and notes are PHI: they live here
-- and in responses to authorised callers, never in audit text, events or logs.
CREATE TABLE pm_financial_counseling_sessions (
  organization_id uuid NOT NULL REFERENCES pf_organizations(id),
  id uuid NOT NULL,
  patient_id uuid NOT NULL,
  session_date date NOT NULL,
  household_size int NOT NULL CHECK (household_size BETWEEN 1 AND 50),
  annual_income_cents bigint NOT NULL CHECK (annual_income_cents >= 0),
  guideline_year int NOT NULL,
  guideline_region text NOT NULL,
  fpl_percentage numeric(9,2) NOT NULL CHECK (fpl_percentage >= 0),
  income_verified_at timestamptz,
  income_verified_by uuid,
  assets_noted_cents bigint CHECK (assets_noted_cents IS NULL OR assets_noted_cents >= 0),
  counselor_notes text CHECK (counselor_notes IS NULL OR length(counselor_notes) <= 4000),
  -- PF-08: the template version the counselor used and a snapshot of it with the answers.
  form_id uuid,
  form_version int,
  form_snapshot jsonb,
  version int NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organization_id, id),
  FOREIGN KEY (organization_id, patient_id) REFERENCES pm_patients (organization_id, id),
  FOREIGN KEY (guideline_year, guideline_region) REFERENCES pm_poverty_guidelines (year, region),
  FOREIGN KEY (organization_id, form_id, form_version) REFERENCES pf_form_versions (organization_id, form_id, version),
  CHECK ((form_id IS NULL) = (form_snapshot IS NULL) AND (form_id IS NULL) = (form_version IS NULL)),
  CHECK (income_verified_by IS NULL OR income_verified_at IS NOT NULL)
);
-- The authoritative-FPL read (newest verified session, else newest session) per patient.
CREATE INDEX pm_financial_counseling_sessions_patient ON pm_financial_counseling_sessions (organization_id, patient_id, session_date DESC);
SELECT pf_enable_tenant_isolation('pm_financial_counseling_sessions');
REVOKE DELETE ON pm_financial_counseling_sessions FROM careledger_app;

-- The form snapshot is the record of what was asked and answered: it never changes once written.
CREATE FUNCTION pm_keep_form_snapshot() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.form_snapshot IS DISTINCT FROM OLD.form_snapshot OR NEW.form_id IS DISTINCT FROM OLD.form_id
     OR NEW.form_version IS DISTINCT FROM OLD.form_version THEN
    RAISE EXCEPTION 'a counseling session''s form snapshot never changes' USING ERRCODE = '23514',
      CONSTRAINT = 'pm_financial_counseling_sessions_form_snapshot_fixed';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER pm_financial_counseling_sessions_form_snapshot BEFORE UPDATE ON pm_financial_counseling_sessions
  FOR EACH ROW EXECUTE FUNCTION pm_keep_form_snapshot();

-- The income sources of a session; an update replaces them all.
CREATE TABLE pm_financial_counseling_income_sources (
  organization_id uuid NOT NULL,
  session_id uuid NOT NULL,
  position int NOT NULL CHECK (position >= 0),
  kind text NOT NULL CHECK (kind IN ('wages', 'self_employment', 'social_security', 'unemployment', 'child_support', 'other')),
  amount_cents bigint NOT NULL CHECK (amount_cents >= 0),
  frequency text NOT NULL CHECK (frequency IN ('weekly', 'biweekly', 'semimonthly', 'monthly', 'yearly')),
  PRIMARY KEY (organization_id, session_id, position),
  FOREIGN KEY (organization_id, session_id) REFERENCES pm_financial_counseling_sessions (organization_id, id) ON DELETE CASCADE
);
SELECT pf_enable_tenant_isolation('pm_financial_counseling_income_sources');
