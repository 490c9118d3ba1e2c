-- Platform base: tenancy, identity, audit, events, jobs.
-- Every tenant table carries organization_id in its primary and foreign keys, and
-- pf_enable_tenant_isolation() turns row-level security on and forces it.

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'careledger_app') THEN
    CREATE ROLE careledger_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS;
  END IF;
END $$;

GRANT USAGE ON SCHEMA public TO careledger_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO careledger_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO careledger_app;

-- The tenant of the current transaction; NULL (so no tenant rows) when none is set.
CREATE FUNCTION pf_current_organization_id() RETURNS uuid
LANGUAGE sql STABLE PARALLEL SAFE
AS $$ SELECT nullif(current_setting('app.organization_id', true), '')::uuid $$;

-- Enables and forces row-level security on a tenant table: the application role sees
-- and writes only rows of the transaction's organization; the owner (migrations and
-- the few SECURITY DEFINER functions that must cross tenants) sees all rows.
CREATE FUNCTION pf_enable_tenant_isolation(target regclass, tenant_column text DEFAULT 'organization_id') RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', target);
  EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', target);
  EXECUTE format('CREATE POLICY tenant_isolation ON %s TO careledger_app USING (%I = (SELECT pf_current_organization_id())) WITH CHECK (%I = (SELECT pf_current_organization_id()))',
                 target, tenant_column, tenant_column);
  EXECUTE format('CREATE POLICY owner_maintenance ON %s TO CURRENT_USER USING (true) WITH CHECK (true)', target);
END $$;

CREATE TABLE pf_organizations (
  id uuid PRIMARY KEY,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9-]{2,63}$'),
  created_at timestamptz NOT NULL DEFAULT now()
);
SELECT pf_enable_tenant_isolation('pf_organizations', 'id');

CREATE TABLE pf_sites (
  organization_id uuid NOT NULL REFERENCES pf_organizations(id),
  id uuid NOT NULL,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  PRIMARY KEY (organization_id, id)
);
SELECT pf_enable_tenant_isolation('pf_sites');

CREATE TABLE pf_facilities (
  organization_id uuid NOT NULL REFERENCES pf_organizations(id),
  id uuid NOT NULL,
  site_id uuid NOT NULL,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  state_code char(2) NOT NULL CHECK (state_code ~ '^[A-Z]{2}$'),
  time_zone text NOT NULL CHECK (length(time_zone) BETWEEN 1 AND 64),
  PRIMARY KEY (organization_id, id),
  FOREIGN KEY (organization_id, site_id) REFERENCES pf_sites (organization_id, id)
);
SELECT pf_enable_tenant_isolation('pf_facilities');

-- Staff accounts are global (one person may work for several organizations); the
-- application sees a user only through a membership in its own organization.
CREATE TABLE pf_users (
  id uuid PRIMARY KEY,
  email text NOT NULL,
  display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
  password_hash text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX pf_users_email ON pf_users (lower(email));

CREATE TABLE pf_memberships (
  organization_id uuid NOT NULL REFERENCES pf_organizations(id),
  id uuid NOT NULL,
  user_id uuid NOT NULL REFERENCES pf_users(id),
  default_facility_id uuid,
  active boolean NOT NULL DEFAULT true,
  PRIMARY KEY (organization_id, id),
  UNIQUE (organization_id, user_id),
  FOREIGN KEY (organization_id, default_facility_id) REFERENCES pf_facilities (organization_id, id)
);
SELECT pf_enable_tenant_isolation('pf_memberships');

ALTER TABLE pf_users ENABLE ROW LEVEL SECURITY;
ALTER TABLE pf_users FORCE ROW LEVEL SECURITY;
CREATE POLICY member_of_current_organization ON pf_users TO careledger_app
  USING (EXISTS (SELECT 1 FROM pf_memberships m WHERE m.user_id = pf_users.id));
CREATE POLICY owner_maintenance ON pf_users TO CURRENT_USER USING (true) WITH CHECK (true);

-- The catalogue of permission keys; roles grant keys from it.
CREATE TABLE pf_permission_keys (
  key text PRIMARY KEY CHECK (key ~ '^[a-z][a-z0-9_.-]+$'),
  description text NOT NULL
);
GRANT SELECT ON pf_permission_keys TO careledger_app;
REVOKE INSERT, UPDATE, DELETE ON pf_permission_keys FROM careledger_app;

CREATE TABLE pf_roles (
  organization_id uuid NOT NULL REFERENCES pf_organizations(id),
  id uuid NOT NULL,
  key text NOT NULL CHECK (key ~ '^[a-z][a-z0-9_-]+$'),
  name text NOT NULL,
  PRIMARY KEY (organization_id, id),
  UNIQUE (organization_id, key)
);
SELECT pf_enable_tenant_isolation('pf_roles');

CREATE TABLE pf_role_permissions (
  organization_id uuid NOT NULL,
  role_id uuid NOT NULL,
  permission_key text NOT NULL REFERENCES pf_permission_keys(key),
  PRIMARY KEY (organization_id, role_id, permission_key),
  FOREIGN KEY (organization_id, role_id) REFERENCES pf_roles (organization_id, id) ON DELETE CASCADE
);
SELECT pf_enable_tenant_isolation('pf_role_permissions');

CREATE TABLE pf_membership_roles (
  organization_id uuid NOT NULL,
  membership_id uuid NOT NULL,
  role_id uuid NOT NULL,
  PRIMARY KEY (organization_id, membership_id, role_id),
  FOREIGN KEY (organization_id, membership_id) REFERENCES pf_memberships (organization_id, id) ON DELETE CASCADE,
  FOREIGN KEY (organization_id, role_id) REFERENCES pf_roles (organization_id, id) ON DELETE CASCADE
);
SELECT pf_enable_tenant_isolation('pf_membership_roles');

-- Bearer tokens: only a SHA-256 of the secret is stored.
CREATE TABLE pf_api_tokens (
  organization_id uuid NOT NULL REFERENCES pf_organizations(id),
  id uuid NOT NULL,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  token_hash bytea NOT NULL UNIQUE,
  scopes text[] NOT NULL,
  user_id uuid REFERENCES pf_users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  PRIMARY KEY (organization_id, id)
);
SELECT pf_enable_tenant_isolation('pf_api_tokens');

CREATE TABLE pf_web_sessions (
  organization_id uuid NOT NULL,
  id uuid NOT NULL,
  session_hash bytea NOT NULL UNIQUE,
  membership_id uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (organization_id, id),
  FOREIGN KEY (organization_id, membership_id) REFERENCES pf_memberships (organization_id, id) ON DELETE CASCADE
);
SELECT pf_enable_tenant_isolation('pf_web_sessions');

-- Append-only audit trail: ids and codes, never PHI.
CREATE TABLE pf_audit_log (
  organization_id uuid NOT NULL REFERENCES pf_organizations(id),
  id bigint GENERATED ALWAYS AS IDENTITY,
  occurred_at timestamptz NOT NULL DEFAULT now(),
  actor_user_id uuid,
  actor_token_id uuid,
  action text NOT NULL CHECK (action ~ '^[a-z][a-z0-9_.-]+$'),
  entity_type text NOT NULL,
  entity_id text,
  reason text,
  correlation_id uuid,
  details jsonb NOT NULL DEFAULT '{}'::jsonb,
  PRIMARY KEY (organization_id, id)
);
SELECT pf_enable_tenant_isolation('pf_audit_log');
REVOKE UPDATE, DELETE, TRUNCATE ON pf_audit_log FROM careledger_app;
CREATE FUNCTION pf_audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the audit log is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER pf_audit_log_append_only BEFORE UPDATE OR DELETE ON pf_audit_log
  FOR EACH ROW EXECUTE FUNCTION pf_audit_log_is_append_only();
CREATE TRIGGER pf_audit_log_no_truncate BEFORE TRUNCATE ON pf_audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION pf_audit_log_is_append_only();

-- Transactional outbox: an event commits with the change that caused it.
CREATE TABLE pf_event_outbox (
  organization_id uuid NOT NULL REFERENCES pf_organizations(id),
  id uuid NOT NULL,
  event_type text NOT NULL,
  version int NOT NULL,
  channel text NOT NULL,
  payload jsonb NOT NULL,
  correlation_id uuid NOT NULL,
  occurred_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organization_id, id)
);
SELECT pf_enable_tenant_isolation('pf_event_outbox');

-- One row per event and subscriber. next_attempt_at doubles as the claim lease: a
-- claimed delivery is pushed into the future, so a dispatcher that dies mid-way
-- hands it back when the lease runs out.
CREATE TABLE pf_event_deliveries (
  organization_id uuid NOT NULL,
  event_id uuid NOT NULL,
  subscriber text NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'dead')),
  attempts int NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  last_error text,
  delivered_at timestamptz,
  PRIMARY KEY (organization_id, event_id, subscriber),
  FOREIGN KEY (organization_id, event_id) REFERENCES pf_event_outbox (organization_id, id)
);
CREATE INDEX pf_event_deliveries_due ON pf_event_deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX pf_event_deliveries_dead ON pf_event_deliveries (organization_id) WHERE status = 'dead';
SELECT pf_enable_tenant_isolation('pf_event_deliveries');

-- What each idempotent consumer has applied, keyed as its contract names.
CREATE TABLE pf_processed_events (
  organization_id uuid NOT NULL,
  consumer text NOT NULL,
  idempotency_key text NOT NULL,
  processed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organization_id, consumer, idempotency_key)
);
SELECT pf_enable_tenant_isolation('pf_processed_events');

-- Periodic jobs: the first process to insert a (job, period) row runs it.
CREATE TABLE pf_job_runs (
  job_name text NOT NULL,
  period_start timestamptz NOT NULL,
  claimed_by text NOT NULL,
  claimed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (job_name, period_start)
);
GRANT SELECT, INSERT ON pf_job_runs TO careledger_app;
REVOKE UPDATE, DELETE ON pf_job_runs FROM careledger_app;

-- Cross-tenant entry points, each narrow, running as the owner.

-- Claims due deliveries for a dispatcher; SKIP LOCKED lets several dispatchers run side by side.
CREATE FUNCTION pf_claim_deliveries(p_limit int, p_lease_ms int)
RETURNS TABLE (organization_id uuid, event_id uuid, subscriber text, attempts int, event_type text,
               version int, payload jsonb, correlation_id uuid, occurred_at timestamptz)
LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
  WITH due AS (
    SELECT d.organization_id, d.event_id, d.subscriber
    FROM pf_event_deliveries d
    WHERE d.status = 'pending' AND d.next_attempt_at <= clock_timestamp()
    ORDER BY d.next_attempt_at
    LIMIT p_limit
    FOR UPDATE SKIP LOCKED
  ), claimed AS (
    UPDATE pf_event_deliveries d
    SET attempts = d.attempts + 1,
        next_attempt_at = clock_timestamp() + make_interval(secs => p_lease_ms / 1000.0)
    FROM due
    WHERE d.organization_id = due.organization_id AND d.event_id = due.event_id AND d.subscriber = due.subscriber
    RETURNING d.organization_id, d.event_id, d.subscriber, d.attempts
  )
  SELECT c.organization_id, c.event_id, c.subscriber, c.attempts, o.event_type, o.version, o.payload,
         o.correlation_id, o.occurred_at
  FROM claimed c
  JOIN pf_event_outbox o ON o.organization_id = c.organization_id AND o.id = c.event_id
$$;
REVOKE ALL ON FUNCTION pf_claim_deliveries(int, int) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pf_claim_deliveries(int, int) TO careledger_app;

-- Resolves a bearer token hash to its organization and scopes.
CREATE FUNCTION pf_authenticate_token(p_hash bytea)
RETURNS TABLE (organization_id uuid, token_id uuid, user_id uuid, scopes text[])
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT t.organization_id, t.id, t.user_id, t.scopes
  FROM pf_api_tokens t
  WHERE t.token_hash = p_hash AND t.revoked_at IS NULL AND t.expires_at > now()
$$;
REVOKE ALL ON FUNCTION pf_authenticate_token(bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pf_authenticate_token(bytea) TO careledger_app;

-- Resolves a web session cookie hash to its organization, user and granted permission keys.
CREATE FUNCTION pf_authenticate_session(p_hash bytea)
RETURNS TABLE (organization_id uuid, session_id uuid, membership_id uuid, user_id uuid, permissions text[])
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT s.organization_id, s.id, m.id, m.user_id,
         coalesce(array_agg(DISTINCT rp.permission_key) FILTER (WHERE rp.permission_key IS NOT NULL), '{}')
  FROM pf_web_sessions s
  JOIN pf_memberships m ON m.organization_id = s.organization_id AND m.id = s.membership_id AND m.active
  LEFT JOIN pf_membership_roles mr ON mr.organization_id = m.organization_id AND mr.membership_id = m.id
  LEFT JOIN pf_role_permissions rp ON rp.organization_id = mr.organization_id AND rp.role_id = mr.role_id
  WHERE s.session_hash = p_hash AND s.expires_at > now()
  GROUP BY s.organization_id, s.id, m.id, m.user_id
$$;
REVOKE ALL ON FUNCTION pf_authenticate_session(bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pf_authenticate_session(bytea) TO careledger_app;

-- The sign-in page's lookup: a user's password hash and active memberships, by email.
CREATE FUNCTION pf_sign_in_candidates(p_email text)
RETURNS TABLE (user_id uuid, password_hash text, organization_id uuid, organization_name text, membership_id uuid)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT u.id, u.password_hash, o.id, o.name, m.id
  FROM pf_users u
  JOIN pf_memberships m ON m.user_id = u.id AND m.active
  JOIN pf_organizations o ON o.id = m.organization_id
  WHERE lower(u.email) = lower(p_email)
  ORDER BY o.name
$$;
REVOKE ALL ON FUNCTION pf_sign_in_candidates(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pf_sign_in_candidates(text) TO careledger_app;

-- Organizations with work for a periodic job (ids only).
CREATE FUNCTION pf_organization_ids() RETURNS SETOF uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$ SELECT id FROM pf_organizations ORDER BY id $$;
REVOKE ALL ON FUNCTION pf_organization_ids() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pf_organization_ids() TO careledger_app;
