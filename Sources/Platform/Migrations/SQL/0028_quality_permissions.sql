-- CL-15 / CL-35 quality measures: reading rates and care gaps, and managing them (importing
-- encounter bundles, loading value sets, finalizing periods). Existing organizations' roles get
-- them as new organizations' templates do (DefaultRoles): administrators and supervisors both.
INSERT INTO pf_permission_keys (key, description) VALUES
  ('clinical.quality.read', 'View quality-measure rates, care gaps and MeasureReports'),
  ('clinical.quality.manage', 'Import encounter bundles, load value sets and finalize quality-measure periods');

INSERT INTO pf_role_permissions (organization_id, role_id, permission_key)
SELECT r.organization_id, r.id, k.key
FROM pf_roles r CROSS JOIN (VALUES ('clinical.quality.read'), ('clinical.quality.manage')) AS k(key)
WHERE r.key IN ('administrator', 'supervisor');
