-- PF-10 notifications: a per-user in-app inbox. reason_key names why a notification exists
-- (e.g. charity-expiry:<application>:<date>); the unique key is what makes a job that runs
-- again, or in two processes, never notify anyone twice for the same reason. Titles carry
-- ids, dates and codes only, never PHI.
CREATE TABLE pf_notifications (
  organization_id uuid NOT NULL REFERENCES pf_organizations(id),
  id uuid NOT NULL,
  user_id uuid NOT NULL REFERENCES pf_users(id),
  kind text NOT NULL CHECK (kind ~ '^[a-z][a-z0-9_.-]{1,62}$'),
  reason_key text NOT NULL CHECK (length(reason_key) BETWEEN 1 AND 200),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  link text CHECK (link IS NULL OR link ~ '^/'),
  created_at timestamptz NOT NULL DEFAULT now(),
  read_at timestamptz,
  PRIMARY KEY (organization_id, id),
  UNIQUE (organization_id, user_id, reason_key)
);
CREATE INDEX pf_notifications_inbox ON pf_notifications (organization_id, user_id, created_at DESC);
CREATE INDEX pf_notifications_unread ON pf_notifications (organization_id, user_id) WHERE read_at IS NULL;
SELECT pf_enable_tenant_isolation('pf_notifications');
REVOKE DELETE ON pf_notifications FROM careledger_app;
