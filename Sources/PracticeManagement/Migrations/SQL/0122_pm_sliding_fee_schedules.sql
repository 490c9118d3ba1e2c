-- PM-21 sliding-fee discount schedules: per organization, versions by effective date. A
-- version is never changed (no UPDATE or DELETE): a new one takes effect from its date, so a
-- charge is always priced by the version in effect on its service date.
CREATE TABLE pm_sliding_fee_schedules (
  organization_id uuid NOT NULL REFERENCES pf_organizations(id),
  id uuid NOT NULL,
  effective_from date NOT NULL,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organization_id, id),
  UNIQUE (organization_id, effective_from)
);
SELECT pf_enable_tenant_isolation('pm_sliding_fee_schedules');
REVOKE UPDATE, DELETE ON pm_sliding_fee_schedules FROM careledger_app;

-- A class covers FPL % from min_fpl to max_fpl inclusive (two decimals), with either a
-- discount percent or a nominal fee per visit.
CREATE TABLE pm_sliding_fee_classes (
  organization_id uuid NOT NULL,
  schedule_id uuid NOT NULL,
  position int NOT NULL CHECK (position >= 0),
  label text NOT NULL CHECK (length(label) BETWEEN 1 AND 40),
  min_fpl numeric(6,2) NOT NULL CHECK (min_fpl >= 0),
  max_fpl numeric(6,2) NOT NULL CHECK (max_fpl >= min_fpl),
  discount_percent int CHECK (discount_percent BETWEEN 0 AND 100),
  nominal_fee_cents int CHECK (nominal_fee_cents >= 0),
  PRIMARY KEY (organization_id, schedule_id, position),
  FOREIGN KEY (organization_id, schedule_id) REFERENCES pm_sliding_fee_schedules (organization_id, id),
  CHECK ((discount_percent IS NULL) <> (nominal_fee_cents IS NULL))
);
SELECT pf_enable_tenant_isolation('pm_sliding_fee_classes');
REVOKE UPDATE, DELETE ON pm_sliding_fee_classes FROM careledger_app;
