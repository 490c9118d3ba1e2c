-- A group session as its detail, its live billing preview and the claim scrubber read it, in
-- one statement: the header, one line per attendance row with its display name, and the group's
-- primary payer with that payer's rules in the facility's state (the header and payer columns
-- repeat on every line; an empty roster gives one line with no row). It joins Clinical's
-- sessions with Practice Management's patients and coverage, so the integration layer owns it.
--
-- A function rather than a statement in Swift so that a database function can return it too:
-- a mark made in one round trip (cl_mark_attendance_alone) returns the session as the mark left
-- it. It is a STABLE, SECURITY INVOKER SQL function, so the planner inlines it into the calling
-- query and row-level security applies as the calling role. Its body is resolved on first
-- call, because the platform's own tests migrate a database without the cores' tables.
--
-- The group's payer is the one that is primary for the most participants (ties: the payer named
-- first), each participant's primary payer being pm_primary_coverage's answer (Practice
-- Management 0107), the rule the charge build uses too: the payer whose rules the room's preview
-- applies is the payer each charge bills.
SET LOCAL check_function_bodies = off;

-- One line of it is pf_group_session_line (0007).
CREATE FUNCTION pf_group_session_read_model(wanted_session uuid) RETURNS SETOF pf_group_session_line
LANGUAGE sql STABLE SECURITY INVOKER AS $$
  WITH session AS (
    SELECT s.organization_id, s.id, s.session_date, f.state_code, s.schedule_id, f.time_zone, f.site_id, s.location, s.topic,
           (EXTRACT(EPOCH FROM (s.actual_end_time - s.actual_start_time)) / 60)::int AS duration_minutes,
           to_char(s.session_date, 'YYYY-MM-DD') AS date_text, to_char(s.actual_start_time, 'HH24:MI') AS start_text,
           to_char(s.actual_end_time, 'HH24:MI') AS end_text, s.facility_id, f.name AS facility_name, s.group_type,
           s.documentation_status, s.locked_at IS NOT NULL AS locked
    FROM cl_group_sessions s JOIN pf_facilities f ON f.organization_id = s.organization_id AND f.id = s.facility_id
    WHERE s.id = wanted_session
  ), roster AS (
    SELECT a.id, a.patient_id, a.supervisor_user_id, a.attendance_status, a.participation_level, a.row_version,
           coalesce(p.given_name || ' ' || p.family_name, u.display_name) AS display_name
    FROM session s
    JOIN cl_group_attendance a ON a.organization_id = s.organization_id AND a.session_id = s.id
    LEFT JOIN pm_patients p ON p.organization_id = a.organization_id AND p.id = a.patient_id
    LEFT JOIN pf_memberships m ON m.organization_id = a.organization_id AND m.user_id = a.supervisor_user_id
    LEFT JOIN pf_users u ON u.id = m.user_id
  ), payer AS (
    SELECT py.id, py.name
    FROM session s
    JOIN roster r ON r.patient_id IS NOT NULL
    CROSS JOIN LATERAL pm_primary_coverage(r.patient_id, s.session_date) AS pc
    JOIN pm_payers py ON py.organization_id = s.organization_id AND py.id = pc.payer_id
    GROUP BY py.id, py.name ORDER BY count(DISTINCT r.patient_id) DESC, py.name LIMIT 1
  ), rules AS (
    SELECT py.id AS payer_id, py.name AS payer_name,
           (SELECT r.max_participants_per_supervisor FROM pm_supervision_rules r
            WHERE r.payer_id = py.id AND r.state_code = s.state_code) AS supervision,
           b.lows, b.highs, b.rates
    FROM payer py CROSS JOIN session s
    CROSS JOIN LATERAL (
      SELECT coalesce(array_agg(g.min_participants ORDER BY g.min_participants, g.id), '{}') AS lows,
             coalesce(array_agg(g.max_participants ORDER BY g.min_participants, g.id), '{}') AS highs,
             coalesce(array_agg(g.unit_rate_cents ORDER BY g.min_participants, g.id), '{}') AS rates
      FROM pm_group_size_bands g WHERE g.payer_id = py.id AND g.state_code = s.state_code) AS b
  )
  SELECT s.schedule_id, s.state_code::text, s.time_zone, s.site_id, s.location, s.topic, s.duration_minutes, s.date_text, s.start_text,
         s.end_text, s.facility_id, s.facility_name, s.group_type, s.documentation_status, s.locked,
         r.payer_id, r.payer_name, r.supervision, r.lows, r.highs, r.rates,
         a.id, a.patient_id, a.supervisor_user_id, a.attendance_status, a.participation_level, a.row_version, a.display_name
  FROM session s LEFT JOIN rules r ON true LEFT JOIN roster a ON true
$$;
