-- The room's common mark (cl_mark_attendance_alone, 0206) now returns what the room needs back
-- instead of the whole session: pf_group_session_mark_reply (Platform 0904), which reads the
-- group's payer only when the caller's payer version is not the organization's.
--
-- The sessions' date and facility and the roster's members choose the group's payer, so their
-- changes move the organization's payer version (Platform 0904): statement triggers for rows
-- added or removed (rosters are written in bulk), row triggers for the named columns' updates.
-- A mark changes only a row's status, which is not among them, so it moves nothing.
CREATE TRIGGER cl_group_sessions_group_payer AFTER UPDATE OF session_date, facility_id ON cl_group_sessions
FOR EACH ROW WHEN (OLD.session_date IS DISTINCT FROM NEW.session_date OR OLD.facility_id IS DISTINCT FROM NEW.facility_id)
EXECUTE FUNCTION pf_group_payer_inputs_changed();

CREATE TRIGGER cl_group_attendance_group_payer_insert AFTER INSERT ON cl_group_attendance
REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION pf_group_payer_rows_changed();
CREATE TRIGGER cl_group_attendance_group_payer_delete AFTER DELETE ON cl_group_attendance
REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION pf_group_payer_rows_changed();
CREATE TRIGGER cl_group_attendance_group_payer_moved AFTER UPDATE OF patient_id, session_id ON cl_group_attendance
FOR EACH ROW WHEN (OLD.patient_id IS DISTINCT FROM NEW.patient_id OR OLD.session_id IS DISTINCT FROM NEW.session_id)
EXECUTE FUNCTION pf_group_payer_inputs_changed();

-- Enters the tenant, marks (only a session never documented, as cl_mark_attendance_alone did),
-- and returns the reply's one line: pf_group_session_mark_reply's, and the group's payer from
-- pf_group_session_payer (Platform 0904) only when the organization's payer version is not
-- p_known_payer_version (payer_read; the payer columns are also null when no participant is
-- covered). The payer is read by a statement of its own, after the version, so a mark whose
-- caller knows the payer neither runs nor starts that read. No line back means nothing changed:
-- the caller runs the transactional path, which says why or publishes.
CREATE FUNCTION cl_mark_attendance_reply(p_organization uuid, p_correlation uuid, p_session uuid, p_row uuid, p_next text,
                                         p_actor uuid, p_expected_version int8, p_legal_from text[], p_token uuid,
                                         p_known_payer_version int8)
RETURNS TABLE (site_id uuid, duration_minutes int, participant_statuses text[], supervisor_statuses text[],
               payer_version bigint, payer_read boolean,
               payer_id uuid, payer_name text, supervision int, band_lows int[], band_highs int[], band_rates int[],
               row_id uuid, patient_id uuid, supervisor_user_id uuid, attendance_status text, participation_level text, row_version int,
               display_name text)
LANGUAGE plpgsql AS $$
DECLARE
  reply record;
BEGIN
  PERFORM pf_enter_tenant(p_organization, p_correlation);
  PERFORM 1 FROM cl_mark_attendance_row(p_session, p_row, p_next, p_actor, p_expected_version, p_legal_from, p_token, p_correlation, true);
  IF NOT FOUND THEN
    RETURN;
  END IF;
  SELECT * INTO reply FROM pf_group_session_mark_reply(p_session, p_row);
  IF NOT FOUND THEN
    RETURN;
  END IF;
  payer_read := reply.payer_version IS DISTINCT FROM p_known_payer_version;
  IF payer_read THEN
    SELECT g.payer_id, g.payer_name, g.supervision, g.band_lows, g.band_highs, g.band_rates
    INTO payer_id, payer_name, supervision, band_lows, band_highs, band_rates
    FROM pf_group_session_payer(p_session) AS g;
  END IF;
  site_id := reply.site_id;
  duration_minutes := reply.duration_minutes;
  participant_statuses := reply.participant_statuses;
  supervisor_statuses := reply.supervisor_statuses;
  payer_version := reply.payer_version;
  row_id := reply.row_id;
  patient_id := reply.patient_id;
  supervisor_user_id := reply.supervisor_user_id;
  attendance_status := reply.attendance_status;
  participation_level := reply.participation_level;
  row_version := reply.row_version;
  display_name := reply.display_name;
  RETURN NEXT;
END $$;

DROP FUNCTION cl_mark_attendance_alone(uuid, uuid, uuid, uuid, text, uuid, int8, text[], uuid);
