-- The rollup's update triggers, made cheap for the mark, the statement the room sends most.
--
-- 0204 priced every UPDATE of attendance with a statement-level trigger: a plpgsql call, two
-- scans of the transition tables joined with sessions, and the generic grouped upsert. Under
-- `bench attendance` that was about 18% of all CPU, for one row whose minutes change on one
-- weekday. Two row-level triggers replace it, each with a WHEN clause the executor evaluates
-- without calling any function:
--
-- * a status change that moves a row in or out of ATTENDED/LATE adds or takes away the
--   session's minutes on its weekday with a one-row UPDATE (ATTENDED↔LATE and SCHEDULED→ABSENT
--   change no minutes and fire nothing);
-- * a row moved to another patient or session (no path of the application does this) is taken
--   away at its old values and added at its new through the generic contributions.
--
-- The minutes rule stays in cl_attendance_contribution: the status trigger prices the old and
-- the new row with it and applies the difference. The trigger reads the row's session without
-- a lock of its own: every path that changes a status (the mark, the forced correction) holds
-- the session's row lock already, so the session's date, facility and times cannot change
-- under it. One row's week is locked per row updated; a statement that updates many rows
-- locks their weeks in the order it updates them, so two such statements over the same weeks
-- in opposite orders could deadlock (one is refused and can be retried). No path of the
-- application updates the status of more than one row in a statement.
DROP TRIGGER cl_attendance_weeks_update ON cl_group_attendance;

CREATE FUNCTION cl_attendance_status_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  s cl_group_sessions%ROWTYPE;
  taken cl_attendance_contribution;
  added cl_attendance_contribution;
  delta int;
BEGIN
  SELECT * INTO s FROM cl_group_sessions WHERE organization_id = NEW.organization_id AND id = NEW.session_id;
  taken := cl_attendance_contribution(-1, OLD.organization_id, OLD.patient_id, OLD.attendance_status, s.session_date, s.facility_id,
                                      s.actual_start_time, s.actual_end_time);
  added := cl_attendance_contribution(1, NEW.organization_id, NEW.patient_id, NEW.attendance_status, s.session_date, s.facility_id,
                                      s.actual_start_time, s.actual_end_time);
  delta := taken.minutes + added.minutes;
  UPDATE cl_patient_attendance_weeks
  SET monday_minutes = monday_minutes + CASE WHEN added.weekday = 1 THEN delta ELSE 0 END,
      tuesday_minutes = tuesday_minutes + CASE WHEN added.weekday = 2 THEN delta ELSE 0 END,
      wednesday_minutes = wednesday_minutes + CASE WHEN added.weekday = 3 THEN delta ELSE 0 END,
      thursday_minutes = thursday_minutes + CASE WHEN added.weekday = 4 THEN delta ELSE 0 END,
      friday_minutes = friday_minutes + CASE WHEN added.weekday = 5 THEN delta ELSE 0 END,
      saturday_minutes = saturday_minutes + CASE WHEN added.weekday = 6 THEN delta ELSE 0 END,
      sunday_minutes = sunday_minutes + CASE WHEN added.weekday = 7 THEN delta ELSE 0 END
  WHERE organization_id = added.organization_id AND week_start = added.week_start AND patient_id = added.patient_id
    AND facility_id = added.facility_id;
  -- The row's week exists since the row was rostered; should it not, the generic upsert writes it.
  IF NOT FOUND THEN
    PERFORM cl_apply_attendance_contributions(ARRAY[taken, added]);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER cl_attendance_weeks_status AFTER UPDATE OF attendance_status ON cl_group_attendance
  FOR EACH ROW
  WHEN (OLD.patient_id IS NOT NULL AND OLD.patient_id = NEW.patient_id AND OLD.session_id = NEW.session_id
        AND (OLD.attendance_status IN ('ATTENDED', 'LATE')) <> (NEW.attendance_status IN ('ATTENDED', 'LATE')))
  EXECUTE FUNCTION cl_attendance_status_changed();

CREATE FUNCTION cl_attendance_row_moved() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM cl_apply_attendance_contributions(ARRAY(
    SELECT cl_attendance_contribution(-1, OLD.organization_id, OLD.patient_id, OLD.attendance_status, s.session_date, s.facility_id,
                                      s.actual_start_time, s.actual_end_time)
    FROM cl_group_sessions s WHERE s.organization_id = OLD.organization_id AND s.id = OLD.session_id AND OLD.patient_id IS NOT NULL
    UNION ALL
    SELECT cl_attendance_contribution(1, NEW.organization_id, NEW.patient_id, NEW.attendance_status, s.session_date, s.facility_id,
                                      s.actual_start_time, s.actual_end_time)
    FROM cl_group_sessions s WHERE s.organization_id = NEW.organization_id AND s.id = NEW.session_id AND NEW.patient_id IS NOT NULL));
  RETURN NULL;
END $$;

CREATE TRIGGER cl_attendance_weeks_row_moved AFTER UPDATE OF patient_id, session_id ON cl_group_attendance
  FOR EACH ROW
  WHEN (OLD.patient_id IS DISTINCT FROM NEW.patient_id OR OLD.session_id IS DISTINCT FROM NEW.session_id)
  EXECUTE FUNCTION cl_attendance_row_moved();
