-- The supervisor-level role that may approve or deny charity care (PM-32: approve_charity is
-- not given to the standard financial counselor). New organizations get it from DefaultRoles;
-- this adds it to organizations created before it existed.
INSERT INTO pf_roles (organization_id, id, key, name)
SELECT o.id, gen_random_uuid(), 'financial-counseling-supervisor', 'Financial counseling supervisor'
FROM pf_organizations o
WHERE NOT EXISTS (SELECT 1 FROM pf_roles r WHERE r.organization_id = o.id AND r.key = 'financial-counseling-supervisor');

INSERT INTO pf_role_permissions (organization_id, role_id, permission_key)
SELECT r.organization_id, r.id, p.key
FROM pf_roles r
CROSS JOIN (VALUES ('pm.patients.read'), ('pm.financial_counseling.view'), ('pm.financial_counseling.manage'),
                   ('pm.financial_counseling.approve_charity')) AS p(key)
WHERE r.key = 'financial-counseling-supervisor'
ON CONFLICT DO NOTHING;
