-- The room's mark as plain statements, each on one table or one join by key.
--
-- Until now cl_mark_attendance_row (0206) was one statement of four CTEs (lock, read, update,
-- audit), and cl_mark_attendance_reply (0905) read its reply through a seven-table join
-- (pf_group_session_mark_reply, Platform 0904) that carried the supervisor's name lookup, with
-- pf_users' row-level policy and its subplan, into every participant's mark too. A function's
-- statement starts an executor for its whole plan each time it runs, and those start-ups were
-- about a third of the mark's time in PostgreSQL (perf). Here each step is a statement of its own, and only the
-- name lookup the row needs runs. Driven by pgbench on one cluster with both versions interleaved
-- (16 clients, CPU-bound, as in `bench attendance`), a mark took 6-8% less time than 0905's; one at
-- a time, with the CPU to itself, it was slower in most runs (more statements to start), by up to
-- 14% (docs/BENCHMARKS.md).
--
-- What a mark does is unchanged. cl_mark_attendance_row (both paths: AttendanceMarkStatement in
-- a transaction, and the reply below) locks the session (unlocked, and with only_undocumented
-- never documented), reads the row, refuses unless its status is one of legal_from and its
-- version is the expected one when one was sent, moves it, and writes the audit entry
-- AuditLog.record writes for attendance.marked. It returns no row when it changes nothing. The
-- row is read by a statement that starts after the session lock is held, so its snapshot holds
-- every mark the lock waited for; the update still requires the version that read saw, so the
-- audit entry's `before` is always the status replaced. The organization is the tenant's, named
-- in every predicate (the tables' keys lead with it).
CREATE OR REPLACE FUNCTION cl_mark_attendance_row(p_session uuid, p_row uuid, p_next text, p_actor uuid, p_expected_version int8,
                                                  p_legal_from text[], p_token uuid, p_correlation uuid, p_only_undocumented boolean)
RETURNS TABLE (new_row_version int, session_documented boolean)
LANGUAGE plpgsql AS $$
DECLARE
  organization uuid := pf_current_organization_id();
  status_before text;
  version_before int;
BEGIN
  SELECT s.documented_at IS NOT NULL INTO session_documented
  FROM cl_group_sessions s
  WHERE s.organization_id = organization AND s.id = p_session AND s.locked_at IS NULL
    AND (NOT p_only_undocumented OR s.documented_at IS NULL)
  FOR UPDATE;
  IF NOT FOUND THEN
    RETURN;
  END IF;
  SELECT a.attendance_status, a.row_version INTO status_before, version_before
  FROM cl_group_attendance a
  WHERE a.organization_id = organization AND a.id = p_row AND a.session_id = p_session;
  IF NOT FOUND OR NOT (status_before = ANY (p_legal_from))
     OR (p_expected_version IS NOT NULL AND version_before <> p_expected_version) THEN
    RETURN;
  END IF;
  UPDATE cl_group_attendance a
  SET attendance_status = p_next, row_version = a.row_version + 1, updated_at = now(), updated_by = p_actor
  WHERE a.organization_id = organization AND a.id = p_row AND a.row_version = version_before
  RETURNING a.row_version INTO new_row_version;
  IF NOT FOUND THEN
    RETURN;
  END IF;
  INSERT INTO pf_audit_log (organization_id, actor_user_id, actor_token_id, action, entity_type, entity_id, correlation_id, details)
  VALUES (organization, p_actor, p_token, 'attendance.marked', 'group_attendance', upper(p_row::text), p_correlation,
          jsonb_build_object('before', status_before, 'after', p_next, 'session_id', upper(p_session::text)));
  RETURN NEXT;
END $$;

-- The reply (0905's line, unchanged): the marked row with its name, every row's status, the site,
-- the length and the organization's group payer version, each read by a statement after the mark
-- (so each sees it); the group's payer only when p_known_payer_version is not the organization's.
-- No line back means nothing changed: the caller runs the transactional path, which says why or
-- publishes.
CREATE OR REPLACE FUNCTION cl_mark_attendance_reply(p_organization uuid, p_correlation uuid, p_session uuid, p_row uuid, p_next text,
                                                    p_actor uuid, p_expected_version int8, p_legal_from text[], p_token uuid,
                                                    p_known_payer_version int8)
RETURNS TABLE (site_id uuid, duration_minutes int, participant_statuses text[], supervisor_statuses text[],
               payer_version bigint, payer_read boolean,
               payer_id uuid, payer_name text, supervision int, band_lows int[], band_highs int[], band_rates int[],
               row_id uuid, patient_id uuid, supervisor_user_id uuid, attendance_status text, participation_level text, row_version int,
               display_name text)
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM set_config('app.organization_id', p_organization::text, true), set_config('app.correlation_id', p_correlation::text, true);
  PERFORM 1 FROM cl_mark_attendance_row(p_session, p_row, p_next, p_actor, p_expected_version, p_legal_from, p_token, p_correlation, true);
  IF NOT FOUND THEN
    RETURN;
  END IF;
  SELECT f.site_id, (EXTRACT(EPOCH FROM (s.actual_end_time - s.actual_start_time)) / 60)::int,
         a.id, a.patient_id, a.supervisor_user_id, a.attendance_status, a.participation_level, a.row_version
  INTO site_id, duration_minutes, row_id, patient_id, supervisor_user_id, attendance_status, participation_level, row_version
  FROM cl_group_sessions s
  JOIN pf_facilities f ON f.organization_id = s.organization_id AND f.id = s.facility_id
  JOIN cl_group_attendance a ON a.organization_id = s.organization_id AND a.session_id = s.id AND a.id = p_row
  WHERE s.organization_id = p_organization AND s.id = p_session;
  SELECT coalesce(array_agg(e.attendance_status) FILTER (WHERE e.supervisor_user_id IS NULL), '{}'),
         coalesce(array_agg(e.attendance_status) FILTER (WHERE e.supervisor_user_id IS NOT NULL), '{}')
  INTO participant_statuses, supervisor_statuses
  FROM cl_group_attendance e
  WHERE e.organization_id = p_organization AND e.session_id = p_session;
  payer_version := coalesce((SELECT v.version FROM pf_group_payer_versions v WHERE v.organization_id = p_organization), 0);
  -- A participant's name, or a supervisor's: only the lookup the row needs runs.
  IF patient_id IS NOT NULL THEN
    SELECT p.given_name || ' ' || p.family_name INTO display_name
    FROM pm_patients p WHERE p.organization_id = p_organization AND p.id = patient_id;
  ELSE
    SELECT u.display_name INTO display_name
    FROM pf_memberships m JOIN pf_users u ON u.id = m.user_id
    WHERE m.organization_id = p_organization AND m.user_id = supervisor_user_id;
  END IF;
  payer_read := payer_version IS DISTINCT FROM p_known_payer_version;
  IF payer_read THEN
    SELECT g.payer_id, g.payer_name, g.supervision, g.band_lows, g.band_highs, g.band_rates
    INTO payer_id, payer_name, supervision, band_lows, band_highs, band_rates
    FROM pf_group_session_payer(p_session) AS g;
  END IF;
  RETURN NEXT;
END $$;
