-- The IOP/PHP compliance read (PM-11), now from Clinical's per-week rollup
-- (cl_patient_attendance_weeks, kept by triggers) rather than from every attendance row:
-- minutes each patient attended per weekday, per week and site. A week with roster rows but no
-- attended minutes still has a row (all zeros), so a week missed entirely shows as not met.
-- Practice Management reads this function, never Clinical's tables.
--
-- Unlike the other 09xx functions this one is SQL, not plpgsql: a STABLE, SECURITY INVOKER SQL
-- function is inlined into the caller's query, so row-level security applies as the calling
-- role (the application sees only its own tenant's weeks). Its body is resolved on first call,
-- because the platform's own tests migrate a database without the cores' tables.
SET LOCAL check_function_bodies = off;

DROP FUNCTION pf_attended_minutes_by_day(date, date, uuid, uuid);

CREATE FUNCTION pf_attended_minutes_by_week(from_week date, to_week date, only_facility uuid DEFAULT NULL, only_patient uuid DEFAULT NULL)
RETURNS TABLE (patient_id uuid, week_start date, site_id uuid,
               monday_minutes int, tuesday_minutes int, wednesday_minutes int, thursday_minutes int,
               friday_minutes int, saturday_minutes int, sunday_minutes int)
LANGUAGE sql STABLE SECURITY INVOKER
AS $$
  SELECT w.patient_id, w.week_start, f.site_id,
         sum(w.monday_minutes)::int, sum(w.tuesday_minutes)::int, sum(w.wednesday_minutes)::int, sum(w.thursday_minutes)::int,
         sum(w.friday_minutes)::int, sum(w.saturday_minutes)::int, sum(w.sunday_minutes)::int
  FROM cl_patient_attendance_weeks w
  JOIN pf_facilities f ON f.organization_id = w.organization_id AND f.id = w.facility_id
  WHERE w.week_start BETWEEN from_week AND to_week
    AND w.rostered_sessions > 0
    AND (only_facility IS NULL OR w.facility_id = only_facility)
    AND (only_patient IS NULL OR w.patient_id = only_patient)
  GROUP BY w.patient_id, w.week_start, f.site_id
$$;

GRANT EXECUTE ON FUNCTION pf_attended_minutes_by_week(date, date, uuid, uuid) TO careledger_app;
