-- Integration functions over the cores' tables are Platform's and numbered 09xx, after every
-- core's migrations. They are plpgsql, whose bodies are resolved when called, because the
-- platform's own tests migrate a database without the cores' tables.

-- Group sessions whose actual end time (wall clock in the facility's zone) has passed and
-- that were never documented, across all organizations: the end-time job's work list. The
-- application role sees one tenant at a time, so this crosses tenants as SECURITY DEFINER and
-- returns ids only.
CREATE FUNCTION pf_group_sessions_due(p_now timestamptz, p_limit int)
RETURNS TABLE (organization_id uuid, session_id uuid)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public AS $$
BEGIN
  RETURN QUERY
  SELECT s.organization_id, s.id
  FROM cl_group_sessions s
  JOIN pf_facilities f ON f.organization_id = s.organization_id AND f.id = s.facility_id
  WHERE s.documented_at IS NULL
    AND s.session_date <= (p_now AT TIME ZONE 'UTC')::date + 1
    AND (s.session_date + s.actual_end_time) AT TIME ZONE f.time_zone <= p_now
  ORDER BY s.session_date, s.actual_end_time
  LIMIT p_limit;
END $$;
REVOKE ALL ON FUNCTION pf_group_sessions_due(timestamptz, int) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pf_group_sessions_due(timestamptz, int) TO careledger_app;
