-- A table distributed by organization_id (docs/SCALING.md) can enforce a unique key only when the
-- key includes organization_id, so the token and session hashes are unique per organization.
-- Nothing is lost: each hash is the SHA-256 of 32 random bytes. The hash leads the new key, so the
-- sign-in lookups by hash alone still use it.
ALTER TABLE pf_api_tokens DROP CONSTRAINT pf_api_tokens_token_hash_key;
ALTER TABLE pf_api_tokens ADD CONSTRAINT pf_api_tokens_token_hash_key UNIQUE (token_hash, organization_id);

ALTER TABLE pf_web_sessions DROP CONSTRAINT pf_web_sessions_session_hash_key;
ALTER TABLE pf_web_sessions ADD CONSTRAINT pf_web_sessions_session_hash_key UNIQUE (session_hash, organization_id);
