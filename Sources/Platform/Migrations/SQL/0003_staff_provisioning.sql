-- Adding a staff member creates a global user row before its membership exists, which
-- row-level security on pf_users cannot admit; this function does it for the current
-- organization only (it refuses any other).
CREATE FUNCTION pf_add_staff(p_organization_id uuid, p_email text, p_display_name text, p_password_hash text,
                             p_default_facility_id uuid, p_role_keys text[])
RETURNS TABLE (user_id uuid, membership_id uuid)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  v_user uuid;
  v_membership uuid := gen_random_uuid();
  v_missing text;
BEGIN
  IF p_organization_id IS DISTINCT FROM pf_current_organization_id() THEN
    RAISE EXCEPTION 'staff can only be added to the current organization' USING ERRCODE = 'insufficient_privilege';
  END IF;
  SELECT r INTO v_missing FROM unnest(p_role_keys) r
   WHERE NOT EXISTS (SELECT 1 FROM pf_roles WHERE organization_id = p_organization_id AND key = r) LIMIT 1;
  IF v_missing IS NOT NULL THEN
    RAISE EXCEPTION 'unknown role %', v_missing USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'pf_membership_roles_role';
  END IF;
  SELECT id INTO v_user FROM pf_users WHERE lower(email) = lower(p_email);
  IF v_user IS NULL THEN
    v_user := gen_random_uuid();
    INSERT INTO pf_users (id, email, display_name, password_hash) VALUES (v_user, p_email, p_display_name, p_password_hash);
  END IF;
  INSERT INTO pf_memberships (organization_id, id, user_id, default_facility_id)
  VALUES (p_organization_id, v_membership, v_user, p_default_facility_id);
  INSERT INTO pf_membership_roles (organization_id, membership_id, role_id)
  SELECT p_organization_id, v_membership, id FROM pf_roles WHERE organization_id = p_organization_id AND key = ANY (p_role_keys);
  RETURN QUERY SELECT v_user, v_membership;
END $$;
REVOKE ALL ON FUNCTION pf_add_staff(uuid, text, text, text, uuid, text[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pf_add_staff(uuid, text, text, text, uuid, text[]) TO careledger_app;
