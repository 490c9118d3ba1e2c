-- finance.vbp.manage: create and change value-based-purchasing contracts and run a reconciliation.
-- Existing organizations' administrator and finance roles get it as new organizations do (DefaultRoles).
INSERT INTO pf_permission_keys (key, description) VALUES
  ('finance.vbp.manage', 'Create and change value-based-purchasing contracts and reconcile quality results');

INSERT INTO pf_role_permissions (organization_id, role_id, permission_key)
SELECT r.organization_id, r.id, 'finance.vbp.manage' FROM pf_roles r WHERE r.key IN ('administrator', 'finance')
ON CONFLICT DO NOTHING;
