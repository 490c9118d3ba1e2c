-- Issue 17: the quality manager finalizes quality-measure periods and follows what they earn under
-- VBP contracts (reading, not changing, the contracts). New organizations get the role from
-- DefaultRoles; this adds it to organizations created before it existed.
INSERT INTO pf_roles (organization_id, id, key, name)
SELECT o.id, gen_random_uuid(), 'quality-manager', 'Quality manager'
FROM pf_organizations o
WHERE NOT EXISTS (SELECT 1 FROM pf_roles r WHERE r.organization_id = o.id AND r.key = 'quality-manager');

INSERT INTO pf_role_permissions (organization_id, role_id, permission_key)
SELECT r.organization_id, r.id, p.key
FROM pf_roles r
CROSS JOIN (VALUES ('clinical.quality.read'), ('clinical.quality.manage'), ('finance.vbp.read'), ('pm.reports.read')) AS p(key)
WHERE r.key = 'quality-manager'
ON CONFLICT DO NOTHING;
