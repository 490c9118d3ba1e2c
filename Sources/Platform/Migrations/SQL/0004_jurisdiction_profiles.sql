-- PF-96 jurisdiction profiles: one per organization (site_id NULL) and at most one per site.
-- billing_rules is the `billing` object exposed at run time as billing.*; clinical holds
-- iop_php_compliance. Both stay JSON so new keys need no migration; the product validates
-- them when saved and resolves them with per-part fallback when read.
CREATE TABLE pf_jurisdiction_profiles (
  organization_id uuid NOT NULL REFERENCES pf_organizations(id),
  id uuid NOT NULL,
  site_id uuid,
  state_code text CHECK (state_code ~ '^[A-Z]{2}$'),
  display_name text CHECK (display_name IS NULL OR length(display_name) BETWEEN 1 AND 100),
  billing_rules jsonb CHECK (billing_rules IS NULL OR jsonb_typeof(billing_rules) = 'object'),
  clinical jsonb CHECK (clinical IS NULL OR jsonb_typeof(clinical) = 'object'),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid,
  PRIMARY KEY (organization_id, id),
  FOREIGN KEY (organization_id, site_id) REFERENCES pf_sites (organization_id, id)
);
CREATE UNIQUE INDEX pf_jurisdiction_profiles_org ON pf_jurisdiction_profiles (organization_id) WHERE site_id IS NULL;
CREATE UNIQUE INDEX pf_jurisdiction_profiles_site ON pf_jurisdiction_profiles (organization_id, site_id) WHERE site_id IS NOT NULL;
SELECT pf_enable_tenant_isolation('pf_jurisdiction_profiles');
