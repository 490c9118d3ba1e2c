-- Integration-layer read for IOP/PHP compliance (PM-11): minutes each patient attended per day
-- and site, from Clinical's group attendance (CL-14). A patient on a session's roster who did not
-- attend has a row with 0 minutes, so a week missed entirely still shows up as not met.
-- Practice Management reads this function, never Clinical's tables, so the cores stay independent.
--
-- Platform migrations run before Clinical's (0200) on a fresh database, so the body cannot be
-- checked when it is created: it is resolved on first call. A set-returning SQL function that
-- is STABLE and SECURITY INVOKER is inlined into the caller's query, so the caller's filters
-- and the Clinical indexes (0203) are planned as one statement, and row-level security applies
-- as the calling role: the application sees only its own tenant's attendance.
SET LOCAL check_function_bodies = off;

CREATE FUNCTION pf_attended_minutes_by_day(from_date date, to_date date, only_facility uuid DEFAULT NULL, only_patient uuid DEFAULT NULL)
RETURNS TABLE (patient_id uuid, session_date date, site_id uuid, attended_minutes int)
LANGUAGE sql STABLE SECURITY INVOKER
AS $$
  -- Attended is ATTENDED or LATE (seed 000's "present"); supervisors' rows have no patient_id.
  -- An attended session counts for its whole length: seed 000 sums the session's duration.
  SELECT a.patient_id, s.session_date, f.site_id,
         coalesce(sum(extract(epoch FROM s.actual_end_time - s.actual_start_time)::int / 60)
                  FILTER (WHERE a.attendance_status IN ('ATTENDED', 'LATE')), 0)::int
  FROM cl_group_sessions s
  JOIN cl_group_attendance a ON a.organization_id = s.organization_id AND a.session_id = s.id
  JOIN pf_facilities f ON f.organization_id = s.organization_id AND f.id = s.facility_id
  WHERE s.session_date BETWEEN from_date AND to_date
    AND (only_facility IS NULL OR s.facility_id = only_facility)
    AND (only_patient IS NULL OR a.patient_id = only_patient)
    AND a.patient_id IS NOT NULL
  GROUP BY a.patient_id, s.session_date, f.site_id
$$;

GRANT EXECUTE ON FUNCTION pf_attended_minutes_by_day(date, date, uuid, uuid) TO careledger_app;
