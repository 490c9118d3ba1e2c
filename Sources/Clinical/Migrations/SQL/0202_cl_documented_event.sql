-- The documented event (cl_group_session_documented). documented_at is set by the first
-- publication and guards the end-time job: `UPDATE … WHERE documented_at IS NULL RETURNING`
-- lets exactly one of several servers (or a finalize racing the job) publish it first.
-- documentation_revision numbers every publication so the consumer can ignore stale ones.
ALTER TABLE cl_group_sessions
  ADD COLUMN documented_at timestamptz,
  ADD COLUMN documentation_revision int NOT NULL DEFAULT 0;
-- The end-time job looks only at sessions not yet documented.
CREATE INDEX cl_group_sessions_undocumented ON cl_group_sessions (session_date) WHERE documented_at IS NULL;
