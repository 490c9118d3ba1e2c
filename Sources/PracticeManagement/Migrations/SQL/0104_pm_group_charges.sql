-- Charges built from documented group sessions (cl_group_session_documented).

-- The guarantee behind idempotent builds: one active charge per member and session, whatever
-- is redelivered or rebuilt. A rebuild voids before it inserts.
CREATE UNIQUE INDEX pm_charges_group_member_active ON pm_charges (organization_id, group_session_id, patient_id)
  WHERE status = 'active' AND group_session_id IS NOT NULL;

-- The outcome of the latest build per session, so the session page can say what was built or
-- why nothing was (for example BELOW_MINIMUM_DURATION).
CREATE TABLE pm_group_charge_builds (
  organization_id uuid NOT NULL REFERENCES pf_organizations(id),
  session_id uuid NOT NULL,
  revision int NOT NULL,
  outcome text NOT NULL CHECK (outcome IN ('built', 'not_billable')),
  reason_code text,
  reason text,
  billable_count int NOT NULL,
  active_charges int NOT NULL,
  voided_charges int NOT NULL,
  event_id uuid,
  built_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organization_id, session_id)
);
SELECT pf_enable_tenant_isolation('pm_group_charge_builds');
