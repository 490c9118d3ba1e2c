-- PM-07 charge capture: payers, service-code mappings, fee schedules, payer group rules,
-- module settings and charges. Amounts are integer cents.
CREATE TABLE pm_payers (
  organization_id uuid NOT NULL REFERENCES pf_organizations(id),
  id uuid NOT NULL,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  -- The payer's identifier on claims (e.g. the Medicaid plan's payer id).
  payer_code text NOT NULL CHECK (length(payer_code) BETWEEN 1 AND 80),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organization_id, id),
  UNIQUE (organization_id, payer_code)
);
SELECT pf_enable_tenant_isolation('pm_payers');

-- Service or group type -> CPT/HCPCS code, organization-wide (payer_id NULL) or per payer.
CREATE TABLE pm_service_code_mappings (
  organization_id uuid NOT NULL REFERENCES pf_organizations(id),
  id uuid NOT NULL,
  service_type text NOT NULL CHECK (length(service_type) BETWEEN 1 AND 80),
  payer_id uuid,
  procedure_code text NOT NULL CHECK (procedure_code ~ '^[A-Z0-9]{5}$'),
  effective_from date NOT NULL,
  effective_to date,
  PRIMARY KEY (organization_id, id),
  FOREIGN KEY (organization_id, payer_id) REFERENCES pm_payers (organization_id, id),
  CHECK (effective_to IS NULL OR effective_to >= effective_from)
);
SELECT pf_enable_tenant_isolation('pm_service_code_mappings');

CREATE TABLE pm_fee_schedule_entries (
  organization_id uuid NOT NULL REFERENCES pf_organizations(id),
  id uuid NOT NULL,
  procedure_code text NOT NULL CHECK (procedure_code ~ '^[A-Z0-9]{5}$'),
  payer_id uuid,
  unit_rate_cents int NOT NULL CHECK (unit_rate_cents >= 0),
  effective_from date NOT NULL,
  effective_to date,
  PRIMARY KEY (organization_id, id),
  FOREIGN KEY (organization_id, payer_id) REFERENCES pm_payers (organization_id, id),
  CHECK (effective_to IS NULL OR effective_to >= effective_from)
);
SELECT pf_enable_tenant_isolation('pm_fee_schedule_entries');

-- Per payer and state: how many billable participants one present supervisor may cover.
CREATE TABLE pm_supervision_rules (
  organization_id uuid NOT NULL REFERENCES pf_organizations(id),
  id uuid NOT NULL,
  payer_id uuid NOT NULL,
  state_code text NOT NULL CHECK (state_code ~ '^[A-Z]{2}$'),
  max_participants_per_supervisor int NOT NULL CHECK (max_participants_per_supervisor > 0),
  PRIMARY KEY (organization_id, id),
  UNIQUE (organization_id, payer_id, state_code),
  FOREIGN KEY (organization_id, payer_id) REFERENCES pm_payers (organization_id, id)
);
SELECT pf_enable_tenant_isolation('pm_supervision_rules');

-- Per payer and state: group-size bands and the unit rate each pays.
CREATE TABLE pm_group_size_bands (
  organization_id uuid NOT NULL REFERENCES pf_organizations(id),
  id uuid NOT NULL,
  payer_id uuid NOT NULL,
  state_code text NOT NULL CHECK (state_code ~ '^[A-Z]{2}$'),
  min_participants int NOT NULL CHECK (min_participants >= 1),
  max_participants int NOT NULL,
  unit_rate_cents int NOT NULL CHECK (unit_rate_cents >= 0),
  PRIMARY KEY (organization_id, id),
  FOREIGN KEY (organization_id, payer_id) REFERENCES pm_payers (organization_id, id),
  CHECK (max_participants >= min_participants)
);
SELECT pf_enable_tenant_isolation('pm_group_size_bands');

-- PM module settings that feed modifier triggers u7 and ub.
CREATE TABLE pm_module_settings (
  organization_id uuid NOT NULL REFERENCES pf_organizations(id),
  auto_apply_u7 boolean NOT NULL DEFAULT false,
  auto_apply_ub boolean NOT NULL DEFAULT false,
  PRIMARY KEY (organization_id)
);
SELECT pf_enable_tenant_isolation('pm_module_settings');

-- Charges are voided, never deleted: the application role has no DELETE on them.
CREATE TABLE pm_charges (
  organization_id uuid NOT NULL REFERENCES pf_organizations(id),
  id uuid NOT NULL,
  patient_id uuid NOT NULL,
  site_id uuid,
  service_date date NOT NULL,
  service_type text NOT NULL,
  minutes int NOT NULL CHECK (minutes >= 0),
  facts jsonb NOT NULL,
  payer_id uuid,
  procedure_code text NOT NULL,
  modifiers text[] NOT NULL,
  units int NOT NULL CHECK (units > 0),
  unit_rate_cents int,
  amount_cents bigint,
  -- Which profile produced the rules (site:<id>, organization, defaults) and which values fell back.
  profile_source text NOT NULL,
  fallback_fields text[] NOT NULL DEFAULT '{}',
  group_session_id uuid,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'void')),
  void_reason text,
  voided_at timestamptz,
  voided_by uuid,
  idempotency_key text,
  request_hash text,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organization_id, id),
  FOREIGN KEY (organization_id, patient_id) REFERENCES pm_patients (organization_id, id),
  FOREIGN KEY (organization_id, payer_id) REFERENCES pm_payers (organization_id, id),
  CHECK ((status = 'void') = (voided_at IS NOT NULL))
);
CREATE UNIQUE INDEX pm_charges_idempotency ON pm_charges (organization_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX pm_charges_patient ON pm_charges (organization_id, patient_id, service_date);
SELECT pf_enable_tenant_isolation('pm_charges');
REVOKE DELETE ON pm_charges FROM careledger_app;
