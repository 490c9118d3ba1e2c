-- A token minted by a user stops working when that user's membership in the token's organization
-- is deactivated, as the user's session cookie already does (pf_authenticate_session joins active
-- memberships). Tokens minted by an operator (`careledger token create`, no user) are unaffected.
-- CREATE OR REPLACE keeps 0001's grants (EXECUTE to careledger_app only).
CREATE OR REPLACE FUNCTION pf_authenticate_token(p_hash bytea)
RETURNS TABLE (organization_id uuid, token_id uuid, user_id uuid, scopes text[])
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT t.organization_id, t.id, t.user_id, t.scopes
  FROM pf_api_tokens t
  WHERE t.token_hash = p_hash AND t.revoked_at IS NULL AND t.expires_at > now()
    AND (t.user_id IS NULL OR EXISTS (
      SELECT 1 FROM pf_memberships m
      WHERE m.organization_id = t.organization_id AND m.user_id = t.user_id AND m.active))
$$;
