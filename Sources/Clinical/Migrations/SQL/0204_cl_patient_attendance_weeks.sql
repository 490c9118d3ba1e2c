-- Attended minutes per patient, week and facility, kept current by triggers on the attendance
-- and session tables, so the IOP/PHP compliance report (PM-11) reads one short row per
-- patient-week instead of every attendance row of the month (a large organization's month is
-- about 200,000 rows, which no query over them answers in the report's 300 ms).
--
-- Each cell is a sum of contributions: an attendance row (patients only) adds 1 to
-- rostered_sessions and, when ATTENDED or LATE, its session's length in whole minutes to the
-- column of the session's weekday. Any change is applied as "take away what the old rows gave,
-- add what the new rows give", so inserts, status moves, deletes and edits of a session's date,
-- facility or times all go through one rule, and no writer can forget it.
CREATE TABLE cl_patient_attendance_weeks (
  organization_id uuid NOT NULL REFERENCES pf_organizations(id),
  week_start date NOT NULL,
  patient_id uuid NOT NULL,
  facility_id uuid NOT NULL,
  -- Roster rows that week (attended or not): a week with rows but no minutes is a missed week.
  rostered_sessions int NOT NULL DEFAULT 0,
  monday_minutes int NOT NULL DEFAULT 0,
  tuesday_minutes int NOT NULL DEFAULT 0,
  wednesday_minutes int NOT NULL DEFAULT 0,
  thursday_minutes int NOT NULL DEFAULT 0,
  friday_minutes int NOT NULL DEFAULT 0,
  saturday_minutes int NOT NULL DEFAULT 0,
  sunday_minutes int NOT NULL DEFAULT 0,
  PRIMARY KEY (organization_id, week_start, patient_id, facility_id),
  CHECK (extract(isodow FROM week_start) = 1)
);
SELECT pf_enable_tenant_isolation('cl_patient_attendance_weeks');

-- What one attendance row gives to its patient's week, signed: `sessions` is 1 for a row being
-- added and -1 for a row going away. The session's fields are arguments, not a join, so a
-- session edit can price the same rows under the session's old and new values. A session
-- counts for its whole length (seed 000 sums the session's duration), in whole minutes.
CREATE TYPE cl_attendance_contribution AS (
  organization_id uuid, week_start date, patient_id uuid, facility_id uuid, weekday int, minutes int, sessions int);

CREATE FUNCTION cl_attendance_contribution(sign int, organization_id uuid, patient_id uuid, attendance_status text,
                                           session_date date, facility_id uuid, actual_start_time time, actual_end_time time)
RETURNS cl_attendance_contribution
LANGUAGE sql IMMUTABLE AS $$
  SELECT ROW(organization_id, session_date - (extract(isodow FROM session_date)::int - 1), patient_id, facility_id,
             extract(isodow FROM session_date)::int,
             CASE WHEN attendance_status IN ('ATTENDED', 'LATE')
                  THEN sign * (extract(epoch FROM actual_end_time - actual_start_time)::int / 60) ELSE 0 END,
             sign)::cl_attendance_contribution
$$;

-- Adds contributions to their weeks. Weeks are written in key order, so two statements
-- touching the same weeks lock them in the same order and cannot deadlock; contributions that
-- cancel out (a mark from SCHEDULED to ABSENT, an edit of another column) write nothing.
CREATE FUNCTION cl_apply_attendance_contributions(contributions cl_attendance_contribution[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO cl_patient_attendance_weeks AS w (organization_id, week_start, patient_id, facility_id, rostered_sessions,
         monday_minutes, tuesday_minutes, wednesday_minutes, thursday_minutes, friday_minutes, saturday_minutes, sunday_minutes)
  SELECT * FROM (
    SELECT c.organization_id, c.week_start, c.patient_id, c.facility_id, sum(c.sessions)::int AS sessions,
           coalesce(sum(c.minutes) FILTER (WHERE c.weekday = 1), 0)::int AS mon, coalesce(sum(c.minutes) FILTER (WHERE c.weekday = 2), 0)::int AS tue,
           coalesce(sum(c.minutes) FILTER (WHERE c.weekday = 3), 0)::int AS wed, coalesce(sum(c.minutes) FILTER (WHERE c.weekday = 4), 0)::int AS thu,
           coalesce(sum(c.minutes) FILTER (WHERE c.weekday = 5), 0)::int AS fri, coalesce(sum(c.minutes) FILTER (WHERE c.weekday = 6), 0)::int AS sat,
           coalesce(sum(c.minutes) FILTER (WHERE c.weekday = 7), 0)::int AS sun
    FROM unnest(contributions) AS c
    GROUP BY c.organization_id, c.week_start, c.patient_id, c.facility_id
  ) g
  WHERE (g.sessions, g.mon, g.tue, g.wed, g.thu, g.fri, g.sat, g.sun) <> (0, 0, 0, 0, 0, 0, 0, 0)
  ORDER BY g.organization_id, g.week_start, g.patient_id, g.facility_id
  ON CONFLICT (organization_id, week_start, patient_id, facility_id) DO UPDATE SET
    rostered_sessions = w.rostered_sessions + excluded.rostered_sessions,
    monday_minutes = w.monday_minutes + excluded.monday_minutes,
    tuesday_minutes = w.tuesday_minutes + excluded.tuesday_minutes,
    wednesday_minutes = w.wednesday_minutes + excluded.wednesday_minutes,
    thursday_minutes = w.thursday_minutes + excluded.thursday_minutes,
    friday_minutes = w.friday_minutes + excluded.friday_minutes,
    saturday_minutes = w.saturday_minutes + excluded.saturday_minutes,
    sunday_minutes = w.sunday_minutes + excluded.sunday_minutes;
END $$;

-- Attendance rows added, changed or removed: their sessions are joined as they are now (a
-- statement that changes attendance does not change sessions).
CREATE FUNCTION cl_attendance_rows_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM cl_apply_attendance_contributions(ARRAY(
      SELECT cl_attendance_contribution(1, n.organization_id, n.patient_id, n.attendance_status, s.session_date, s.facility_id, s.actual_start_time, s.actual_end_time)
      FROM new_rows n JOIN cl_group_sessions s ON s.organization_id = n.organization_id AND s.id = n.session_id
      WHERE n.patient_id IS NOT NULL));
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

CREATE TRIGGER cl_attendance_weeks_insert AFTER INSERT ON cl_group_attendance
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION cl_attendance_rows_changed();
CREATE TRIGGER cl_attendance_weeks_update AFTER UPDATE ON cl_group_attendance
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION cl_attendance_rows_changed();
CREATE TRIGGER cl_attendance_weeks_delete AFTER DELETE ON cl_group_attendance
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION cl_attendance_rows_changed();

-- A session moved to another date or facility, or retimed: its patients' rows are taken away
-- at the old values and added at the new. The rows are read FOR SHARE, so a mark in flight is
-- waited for and counted at its new status, and a mark that starts later waits for this edit
-- and sees the new values: neither side prices a row against a stale view of the other.
-- (A session with attendance cannot be deleted: the rows' foreign key refuses it.)
CREATE FUNCTION cl_group_sessions_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM cl_apply_attendance_contributions(ARRAY(
    WITH moved AS (
      SELECT o.organization_id, o.id, o.session_date AS old_date, o.facility_id AS old_facility,
             o.actual_start_time AS old_start, o.actual_end_time AS old_end,
             n.session_date, n.facility_id, n.actual_start_time, n.actual_end_time
      FROM old_rows o JOIN new_rows n ON n.organization_id = o.organization_id AND n.id = o.id
      WHERE (o.session_date, o.facility_id, o.actual_start_time, o.actual_end_time)
            IS DISTINCT FROM (n.session_date, n.facility_id, n.actual_start_time, n.actual_end_time)
    ), roster AS (
      SELECT a.organization_id, a.session_id, a.patient_id, a.attendance_status
      FROM cl_group_attendance a JOIN moved m ON a.organization_id = m.organization_id AND a.session_id = m.id
      WHERE a.patient_id IS NOT NULL
      FOR SHARE OF a
    )
    SELECT cl_attendance_contribution(-1, r.organization_id, r.patient_id, r.attendance_status, m.old_date, m.old_facility, m.old_start, m.old_end)
    FROM roster r JOIN moved m ON m.organization_id = r.organization_id AND m.id = r.session_id
    UNION ALL
    SELECT cl_attendance_contribution(1, r.organization_id, r.patient_id, r.attendance_status, m.session_date, m.facility_id, m.actual_start_time, m.actual_end_time)
    FROM roster r JOIN moved m ON m.organization_id = r.organization_id AND m.id = r.session_id));
  RETURN NULL;
END $$;

CREATE TRIGGER cl_attendance_weeks_session_update AFTER UPDATE ON cl_group_sessions
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION cl_group_sessions_changed();

-- Existing attendance, counted once.
SELECT cl_apply_attendance_contributions(ARRAY(
  SELECT cl_attendance_contribution(1, a.organization_id, a.patient_id, a.attendance_status, s.session_date, s.facility_id, s.actual_start_time, s.actual_end_time)
  FROM cl_group_attendance a JOIN cl_group_sessions s ON s.organization_id = a.organization_id AND s.id = a.session_id
  WHERE a.patient_id IS NOT NULL));

-- The report no longer reads attendance rows, so their status need not be indexed: marks are
-- heap-only (HOT) updates again.
DROP INDEX cl_group_attendance_patient_status;
