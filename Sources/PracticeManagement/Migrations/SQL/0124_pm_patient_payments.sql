-- PM-16 patient payments toward statement balances. A payment is recorded, never edited or
-- deleted (a mistake is corrected by a later entry, when refunds arrive).
CREATE TABLE pm_patient_payments (
  organization_id uuid NOT NULL REFERENCES pf_organizations(id),
  id uuid NOT NULL,
  patient_id uuid NOT NULL,
  received_on date NOT NULL,
  amount_cents bigint NOT NULL CHECK (amount_cents > 0),
  method text NOT NULL CHECK (method IN ('cash', 'check', 'card', 'other')),
  recorded_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organization_id, id),
  FOREIGN KEY (organization_id, patient_id) REFERENCES pm_patients (organization_id, id)
);
CREATE INDEX pm_patient_payments_patient ON pm_patient_payments (organization_id, patient_id, received_on);
SELECT pf_enable_tenant_isolation('pm_patient_payments');
REVOKE UPDATE, DELETE ON pm_patient_payments FROM careledger_app;
