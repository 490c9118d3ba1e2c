-- PF-08 forms: small versioned form templates a core may attach to its records. A version,
-- once written, never changes (no UPDATE or DELETE for the application), so a record that
-- names (form, version) can always show what the person filled in.
CREATE TABLE pf_forms (
  organization_id uuid NOT NULL REFERENCES pf_organizations(id),
  id uuid NOT NULL,
  key text NOT NULL CHECK (key ~ '^[a-z][a-z0-9_-]{1,62}$'),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organization_id, id),
  UNIQUE (organization_id, key)
);
SELECT pf_enable_tenant_isolation('pf_forms');
REVOKE DELETE ON pf_forms FROM careledger_app;

CREATE TABLE pf_form_versions (
  organization_id uuid NOT NULL,
  form_id uuid NOT NULL,
  version int NOT NULL CHECK (version >= 1),
  -- {"fields": [{"key", "label", "kind", "required"}]}, validated by FormTemplate before insert.
  definition jsonb NOT NULL,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organization_id, form_id, version),
  FOREIGN KEY (organization_id, form_id) REFERENCES pf_forms (organization_id, id)
);
SELECT pf_enable_tenant_isolation('pf_form_versions');
REVOKE UPDATE, DELETE ON pf_form_versions FROM careledger_app;
