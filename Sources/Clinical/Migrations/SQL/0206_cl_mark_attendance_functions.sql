-- A mark as database functions, so that the two ways of running it share one definition.
--
-- cl_mark_attendance_row locks the session, moves the row and writes the audit entry in one
-- statement (what AttendanceMarkStatement sent until now). It changes nothing, and returns no
-- row, unless the session exists and is not locked (and, with only_undocumented, was never
-- documented), the row is in it, the version matches when one was sent, and the row's status is
-- one of legal_from (the state machine stays in Swift, which passes the statuses from which
-- next_status may be reached).
--
-- Every data-modifying CTE sees the snapshot the statement started with, so `before` may predate
-- a mark that committed while this statement waited for the session lock. The UPDATE re-checks
-- the row against its newest version and `row_version` (which every mark bumps) must still be
-- the one `before` read; otherwise nothing changes and the caller re-reads under the lock. So
-- the audit entry's `before` is always the status replaced. The entry is the one AuditLog.record
-- writes for attendance.marked (ids in upper case, as Swift's uuidString spells them).
CREATE FUNCTION cl_mark_attendance_row(p_session uuid, p_row uuid, p_next text, p_actor uuid, p_expected_version int8,
                                       p_legal_from text[], p_token uuid, p_correlation uuid, p_only_undocumented boolean)
RETURNS TABLE (new_row_version int, session_documented boolean)
LANGUAGE plpgsql AS $$
BEGIN
  RETURN QUERY
  WITH session AS (
    SELECT s.organization_id, s.id, s.documented_at IS NOT NULL AS documented
    FROM cl_group_sessions s
    WHERE s.id = p_session AND s.locked_at IS NULL AND (NOT p_only_undocumented OR s.documented_at IS NULL)
    FOR UPDATE
  ), before AS (
    SELECT a.organization_id, a.id, a.attendance_status, a.row_version
    FROM session s JOIN cl_group_attendance a ON a.organization_id = s.organization_id AND a.session_id = s.id AND a.id = p_row
  ), changed AS (
    UPDATE cl_group_attendance a
    SET attendance_status = p_next, row_version = a.row_version + 1, updated_at = now(), updated_by = p_actor
    FROM before b
    WHERE a.organization_id = b.organization_id AND a.id = b.id AND a.row_version = b.row_version
      AND (p_expected_version IS NULL OR a.row_version = p_expected_version) AND a.attendance_status = ANY (p_legal_from)
    RETURNING a.organization_id, b.attendance_status AS before_status, a.row_version
  ), audited AS (
    INSERT INTO pf_audit_log (organization_id, actor_user_id, actor_token_id, action, entity_type, entity_id, correlation_id, details)
    SELECT c.organization_id, p_actor, p_token, 'attendance.marked', 'group_attendance', upper(p_row::text), p_correlation,
           jsonb_build_object('before', c.before_status, 'after', p_next, 'session_id', upper(p_session::text))
    FROM changed c
  )
  SELECT c.row_version, s.documented FROM changed c, session s;
END $$;

-- A mark that is a transaction of its own, for the room's common case: one round trip instead
-- of BEGIN, the tenant, the mark, the read and COMMIT, with no transaction left open between
-- them. It names the tenant first, marks (only in a session never documented: a documented
-- session must also publish its documented event, which the transactional path does), and
-- returns the session as the mark left it (each statement of a plpgsql function sees the ones
-- before it). No line back means nothing changed: the caller runs the transactional path,
-- which says why or publishes.
CREATE FUNCTION cl_mark_attendance_alone(p_organization uuid, p_correlation uuid, p_session uuid, p_row uuid, p_next text,
                                         p_actor uuid, p_expected_version int8, p_legal_from text[], p_token uuid)
RETURNS SETOF pf_group_session_line
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pf_enter_tenant(p_organization, p_correlation);
  PERFORM 1 FROM cl_mark_attendance_row(p_session, p_row, p_next, p_actor, p_expected_version, p_legal_from, p_token, p_correlation, true);
  IF FOUND THEN
    RETURN QUERY SELECT * FROM pf_group_session_read_model(p_session);
  END IF;
END $$;
