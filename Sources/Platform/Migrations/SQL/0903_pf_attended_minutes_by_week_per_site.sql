-- The IOP/PHP compliance read (PM-11) from Clinical's per-site rollup
-- (cl_patient_attendance_site_weeks, 0260): a month is one range of that table's key, one row per
-- patient, week and site, with no join and nothing to sum. Asked for one facility, it reads the
-- facility rollup as before (one row per patient and week there, so nothing to sum either). The
-- branch not asked for is pruned when the statement is planned with its values.
--
-- Still SQL, STABLE and SECURITY INVOKER so it is inlined and row-level security applies as the
-- caller (see 0901); its body is resolved on first call, because the platform's own tests migrate
-- a database without the cores' tables.
SET LOCAL check_function_bodies = off;

CREATE OR REPLACE FUNCTION pf_attended_minutes_by_week(from_week date, to_week date, only_facility uuid DEFAULT NULL, only_patient uuid DEFAULT NULL)
RETURNS TABLE (patient_id uuid, week_start date, site_id uuid,
               monday_minutes int, tuesday_minutes int, wednesday_minutes int, thursday_minutes int,
               friday_minutes int, saturday_minutes int, sunday_minutes int)
LANGUAGE sql STABLE SECURITY INVOKER
AS $$
  SELECT w.patient_id, w.week_start, w.site_id,
         w.monday_minutes, w.tuesday_minutes, w.wednesday_minutes, w.thursday_minutes,
         w.friday_minutes, w.saturday_minutes, w.sunday_minutes
  FROM cl_patient_attendance_site_weeks w
  WHERE only_facility IS NULL
    AND w.week_start BETWEEN from_week AND to_week
    AND w.rostered_sessions > 0
    AND (only_patient IS NULL OR w.patient_id = only_patient)
  UNION ALL
  SELECT w.patient_id, w.week_start, f.site_id,
         w.monday_minutes, w.tuesday_minutes, w.wednesday_minutes, w.thursday_minutes,
         w.friday_minutes, w.saturday_minutes, w.sunday_minutes
  FROM cl_patient_attendance_weeks w
  JOIN pf_facilities f ON f.organization_id = w.organization_id AND f.id = w.facility_id
  WHERE w.facility_id = only_facility
    AND w.week_start BETWEEN from_week AND to_week
    AND w.rostered_sessions > 0
    AND (only_patient IS NULL OR w.patient_id = only_patient)
$$;
