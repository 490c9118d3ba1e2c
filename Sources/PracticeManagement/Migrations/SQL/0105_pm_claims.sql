-- Claims (837P): the facts a claim needs that were not stored yet, the claims themselves, their
-- lines (references to charges), the scrubber's results, and per-organization counters.

-- Loop 1000A/1000B/2010AA: who bills, who submits, who receives. One per organization.
-- Values are stored normalized (digits only for NPI, EIN and ZIP+4) and checked again here.
CREATE TABLE pm_billing_profiles (
  organization_id uuid NOT NULL REFERENCES pf_organizations(id),
  legal_name text NOT NULL CHECK (length(legal_name) BETWEEN 1 AND 60),
  npi text NOT NULL CHECK (npi ~ '^[0-9]{10}$'),
  ein text NOT NULL CHECK (ein ~ '^[0-9]{9}$'),
  taxonomy_code text CHECK (taxonomy_code ~ '^[0-9A-Z]{9}X$'),
  address_line1 text NOT NULL CHECK (length(address_line1) BETWEEN 1 AND 55),
  address_line2 text CHECK (length(address_line2) BETWEEN 1 AND 55),
  city text NOT NULL CHECK (length(city) BETWEEN 2 AND 30),
  state_code text NOT NULL CHECK (state_code ~ '^[A-Z]{2}$'),
  -- The 5010 guide requires ZIP+4 for the billing provider.
  postal_code text NOT NULL CHECK (postal_code ~ '^[0-9]{9}$'),
  submitter_id text NOT NULL CHECK (length(submitter_id) BETWEEN 2 AND 15),
  submitter_contact_name text NOT NULL CHECK (length(submitter_contact_name) BETWEEN 1 AND 60),
  submitter_phone text CHECK (submitter_phone ~ '^[0-9]{10}$'),
  submitter_email text CHECK (length(submitter_email) BETWEEN 3 AND 256),
  receiver_name text NOT NULL CHECK (length(receiver_name) BETWEEN 1 AND 60),
  receiver_id text NOT NULL CHECK (length(receiver_id) BETWEEN 2 AND 15),
  default_place_of_service text NOT NULL DEFAULT '11' CHECK (default_place_of_service ~ '^[0-9]{2}$'),
  usage text NOT NULL DEFAULT 'test' CHECK (usage IN ('test', 'production')),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid,
  PRIMARY KEY (organization_id),
  CHECK (submitter_phone IS NOT NULL OR submitter_email IS NOT NULL)
);
SELECT pf_enable_tenant_isolation('pm_billing_profiles');

-- DMG03 and the subscriber's N3/N4 (the patient is the subscriber). Nullable: patients registered
-- before claims existed have none, and the scrubber reports the gap instead of the schema refusing it.
ALTER TABLE pm_patients
  ADD COLUMN sex text CHECK (sex IN ('F', 'M', 'U')),
  ADD COLUMN address_line1 text CHECK (length(address_line1) BETWEEN 1 AND 55),
  ADD COLUMN address_line2 text CHECK (length(address_line2) BETWEEN 1 AND 55),
  ADD COLUMN city text CHECK (length(city) BETWEEN 2 AND 30),
  ADD COLUMN state_code text CHECK (state_code ~ '^[A-Z]{2}$'),
  ADD COLUMN postal_code text CHECK (postal_code ~ '^[0-9]{5}([0-9]{4})?$');

-- SBR09. Medicaid is the default because the product's payer mix is Medicaid-heavy.
ALTER TABLE pm_payers
  ADD COLUMN claim_filing_indicator text NOT NULL DEFAULT 'MC'
    CHECK (claim_filing_indicator IN ('11', '12', '13', '14', 'BL', 'CH', 'CI', 'FI', 'HM', 'MB', 'MC', 'TV', 'VA', 'WC', 'ZZ'));

-- A patient's diagnoses in claim order (principal first), stored without the dot; a claim uses the first 12.
CREATE TABLE pm_patient_diagnoses (
  organization_id uuid NOT NULL REFERENCES pf_organizations(id),
  patient_id uuid NOT NULL,
  position int NOT NULL CHECK (position >= 1),
  icd10_code text NOT NULL CHECK (icd10_code ~ '^[A-Z][0-9][A-Z0-9]{1,5}$'),
  PRIMARY KEY (organization_id, patient_id, position),
  UNIQUE (organization_id, patient_id, icd10_code),
  FOREIGN KEY (organization_id, patient_id) REFERENCES pm_patients (organization_id, id)
);
SELECT pf_enable_tenant_isolation('pm_patient_diagnoses');

-- Per-organization counters: claim numbers (CLM01) and interchange control numbers (ISA13).
-- Taken with INSERT … ON CONFLICT DO UPDATE … RETURNING, so two exports never share a number.
CREATE TABLE pm_counters (
  organization_id uuid NOT NULL REFERENCES pf_organizations(id),
  name text NOT NULL CHECK (name IN ('claim_number', 'interchange_control_number')),
  last_value bigint NOT NULL CHECK (last_value BETWEEN 1 AND 999999999),
  PRIMARY KEY (organization_id, name)
);
SELECT pf_enable_tenant_isolation('pm_counters');

-- One claim: a member's charges on one payer. A replacement (7) or void (8) names the claim it acts
-- on and carries that claim's number for REF*F8 (we store no payer ICN, see ARCHITECTURE.md).
CREATE TABLE pm_claims (
  organization_id uuid NOT NULL REFERENCES pf_organizations(id),
  id uuid NOT NULL,
  claim_number text NOT NULL,
  patient_id uuid NOT NULL,
  payer_id uuid NOT NULL,
  frequency_code text NOT NULL DEFAULT '1' CHECK (frequency_code IN ('1', '7', '8')),
  replaces_claim_id uuid,
  original_claim_number text,
  -- open: not sent yet; exported: written to an interchange; corrected: superseded by a 7 or 8.
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'exported', 'corrected')),
  total_cents bigint NOT NULL CHECK (total_cents >= 0),
  correction_reason text,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid,
  exported_at timestamptz,
  last_interchange_control_number bigint,
  corrected_at timestamptz,
  PRIMARY KEY (organization_id, id),
  UNIQUE (organization_id, claim_number),
  FOREIGN KEY (organization_id, patient_id) REFERENCES pm_patients (organization_id, id),
  FOREIGN KEY (organization_id, payer_id) REFERENCES pm_payers (organization_id, id),
  FOREIGN KEY (organization_id, replaces_claim_id) REFERENCES pm_claims (organization_id, id),
  CHECK ((frequency_code = '1') = (replaces_claim_id IS NULL)),
  CHECK ((replaces_claim_id IS NULL) = (original_claim_number IS NULL)),
  CHECK ((status = 'corrected') = (corrected_at IS NOT NULL))
);
-- An original is corrected once: one replacement or void per claim.
CREATE UNIQUE INDEX pm_claims_replaces ON pm_claims (organization_id, replaces_claim_id) WHERE replaces_claim_id IS NOT NULL;
CREATE INDEX pm_claims_patient ON pm_claims (organization_id, patient_id, created_at);
CREATE INDEX pm_claims_status ON pm_claims (organization_id, status, created_at);
SELECT pf_enable_tenant_isolation('pm_claims');

-- A claim's service lines, each a charge. `current` is true while the line stands on a live claim:
-- it turns false when the claim is corrected, and a void's copy of the original's lines is never
-- current. One charge sits on at most one current line, so two concurrent builds cannot claim it twice.
CREATE TABLE pm_claim_lines (
  organization_id uuid NOT NULL REFERENCES pf_organizations(id),
  claim_id uuid NOT NULL,
  line_number int NOT NULL CHECK (line_number BETWEEN 1 AND 50),
  charge_id uuid NOT NULL,
  current boolean NOT NULL DEFAULT true,
  PRIMARY KEY (organization_id, claim_id, line_number),
  FOREIGN KEY (organization_id, claim_id) REFERENCES pm_claims (organization_id, id),
  FOREIGN KEY (organization_id, charge_id) REFERENCES pm_charges (organization_id, id)
);
CREATE UNIQUE INDEX pm_claim_lines_current_charge ON pm_claim_lines (organization_id, charge_id) WHERE current;
CREATE INDEX pm_claim_lines_charge ON pm_claim_lines (organization_id, charge_id);
SELECT pf_enable_tenant_isolation('pm_claim_lines');

-- The scrubber's latest findings for a claim (each run replaces the previous). Errors block export;
-- warnings (the group-billing checks the live preview also shows) do not.
CREATE TABLE pm_claim_validations (
  organization_id uuid NOT NULL REFERENCES pf_organizations(id),
  claim_id uuid NOT NULL,
  position int NOT NULL,
  severity text NOT NULL CHECK (severity IN ('error', 'warning')),
  code text NOT NULL,
  message text NOT NULL,
  field text,
  group_session_id uuid,
  checked_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organization_id, claim_id, position),
  FOREIGN KEY (organization_id, claim_id) REFERENCES pm_claims (organization_id, id)
);
SELECT pf_enable_tenant_isolation('pm_claim_validations');

-- Every interchange written: its control number, claims and text, so a file can be shown again
-- exactly as sent. Never changed.
CREATE TABLE pm_edi_interchanges (
  organization_id uuid NOT NULL REFERENCES pf_organizations(id),
  control_number bigint NOT NULL,
  claim_ids uuid[] NOT NULL,
  content text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid,
  PRIMARY KEY (organization_id, control_number)
);
SELECT pf_enable_tenant_isolation('pm_edi_interchanges');
REVOKE UPDATE, DELETE ON pm_edi_interchanges FROM careledger_app;
