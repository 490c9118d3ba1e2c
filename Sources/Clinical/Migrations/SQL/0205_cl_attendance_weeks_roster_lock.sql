-- Two corrections to 0204.
--
-- Roster rows added to a session while another transaction edits that session's date, facility
-- or times: the insert would price its rows at the session's old values (the edit is not
-- committed) and the edit's FOR SHARE cannot see the new rows, so the rows would stay counted in
-- the old week or facility. The insert now reads its sessions FOR SHARE, so it waits for an
-- edit in flight, and an edit waits for it. Marks are untouched (they do not take this path).
CREATE OR REPLACE FUNCTION cl_attendance_rows_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM cl_apply_attendance_contributions(ARRAY(
      SELECT cl_attendance_contribution(1, n.organization_id, n.patient_id, n.attendance_status, s.session_date, s.facility_id, s.actual_start_time, s.actual_end_time)
      FROM new_rows n JOIN cl_group_sessions s ON s.organization_id = n.organization_id AND s.id = n.session_id
      WHERE n.patient_id IS NOT NULL
      FOR SHARE OF s));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM cl_apply_attendance_contributions(ARRAY(
      SELECT cl_attendance_contribution(-1, o.organization_id, o.patient_id, o.attendance_status, s.session_date, s.facility_id, s.actual_start_time, s.actual_end_time)
      FROM old_rows o JOIN cl_group_sessions s ON s.organization_id = o.organization_id AND s.id = o.session_id
      WHERE o.patient_id IS NOT NULL
      UNION ALL
      SELECT cl_attendance_contribution(1, n.organization_id, n.patient_id, n.attendance_status, s.session_date, s.facility_id, s.actual_start_time, s.actual_end_time)
      FROM new_rows n JOIN cl_group_sessions s ON s.organization_id = n.organization_id AND s.id = n.session_id
      WHERE n.patient_id IS NOT NULL));
  ELSE
    PERFORM cl_apply_attendance_contributions(ARRAY(
      SELECT cl_attendance_contribution(-1, o.organization_id, o.patient_id, o.attendance_status, s.session_date, s.facility_id, s.actual_start_time, s.actual_end_time)
      FROM old_rows o JOIN cl_group_sessions s ON s.organization_id = o.organization_id AND s.id = o.session_id
      WHERE o.patient_id IS NOT NULL));
  END IF;
  RETURN NULL;
END $$;

-- The sessions-by-date index carried the columns of the old IOP/PHP read (0203); the session
-- list's date range needs only the key.
DROP INDEX cl_group_sessions_by_date;
CREATE INDEX cl_group_sessions_by_date ON cl_group_sessions (organization_id, session_date);
