-- What the room needs back from a mark, without reading the whole session again: the marked
-- row with its display name, every row's status (the preview's counts), the session's length
-- and site, and the group's payer with its rules in the facility's state. The mark's reply and
-- the billing preview over it are computed from these by the same Swift rule the session's
-- detail and the claim scrubber use, so the room still sees exactly the scrubber's result.
--
-- The payer is chosen once, here, for every read: pf_group_session_payer is the rule that was
-- inline in pf_group_session_read_model (0902), which now calls it, so the reply, the detail and
-- the scrubber cannot disagree on the payer or the order of its bands.
--
-- Choosing the payer reads every participant's coverage, which cost as much as the rest of the
-- mark's read. A mark changes none of its inputs, so the server keeps each session's payer and
-- sends the payer version it knows with the mark; the mark reads the payer again only when the
-- organization's version is another. pf_group_payer_versions counts, per organization, the committed
-- changes to anything the payer depends on: triggers on the facilities' state (here), on the
-- sessions' date and facility and the roster's members (Clinical 0905), and on coverages, payers,
-- supervision rules and group-size bands (Practice Management 0906). The version is read before
-- the payer (in an earlier statement, so an earlier or the same snapshot): a payer kept under a
-- version is never older than the data that version counts, and a change committed between the
-- two reads only makes the next mark read the payer again.
--
-- STABLE, SECURITY INVOKER SQL functions: the planner inlines them into the calling query, and
-- row-level security applies as the calling role. Bodies resolve on first call (the platform's
-- own tests migrate a database without the cores' tables).
SET LOCAL check_function_bodies = off;

CREATE TABLE pf_group_payer_versions (
  organization_id uuid PRIMARY KEY REFERENCES pf_organizations(id),
  version bigint NOT NULL
);
SELECT pf_enable_tenant_isolation('pf_group_payer_versions');

-- The triggers on every table the group payer depends on move the version of each organization
-- whose rows changed (its first change creates it). They need no tenant setting, so an owner's
-- bulk load counts as well. pf_group_payer_rows_changed is a statement trigger over the
-- statement's rows (as transition table changed_rows), for the tables written in bulk;
-- pf_group_payer_inputs_changed a row trigger, for updates of named columns, which PostgreSQL
-- does not give transition tables.
CREATE FUNCTION pf_group_payer_rows_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO pf_group_payer_versions AS v (organization_id, version)
  SELECT DISTINCT organization_id, 1 FROM changed_rows
  ON CONFLICT (organization_id) DO UPDATE SET version = v.version + 1;
  RETURN NULL;
END $$;

CREATE FUNCTION pf_group_payer_inputs_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO pf_group_payer_versions AS v (organization_id, version) VALUES (NEW.organization_id, 1)
  ON CONFLICT (organization_id) DO UPDATE SET version = v.version + 1;
  RETURN NULL;
END $$;

CREATE TRIGGER pf_facilities_group_payer AFTER UPDATE OF state_code ON pf_facilities
FOR EACH ROW WHEN (OLD.state_code IS DISTINCT FROM NEW.state_code) EXECUTE FUNCTION pf_group_payer_inputs_changed();

-- The payer that is primary for the most participants (ties: the payer named first), each
-- participant's primary payer being pm_primary_coverage's answer (Practice Management 0107), the
-- rule the charge build uses too; with its supervision limit and group-size bands (lowest
-- minimum first, then id) in the facility's state. No line when no participant is covered.
CREATE FUNCTION pf_group_session_payer(wanted_session uuid)
RETURNS TABLE (payer_id uuid, payer_name text, supervision int, band_lows int[], band_highs int[], band_rates int[])
LANGUAGE sql STABLE SECURITY INVOKER AS $$
  WITH session AS (
    SELECT s.organization_id, s.id, s.session_date, f.state_code
    FROM cl_group_sessions s JOIN pf_facilities f ON f.organization_id = s.organization_id AND f.id = s.facility_id
    WHERE s.id = wanted_session
  ), payer AS (
    SELECT py.id, py.name
    FROM session s
    JOIN cl_group_attendance a ON a.organization_id = s.organization_id AND a.session_id = s.id AND a.patient_id IS NOT NULL
    CROSS JOIN LATERAL pm_primary_coverage(a.patient_id, s.session_date) AS pc
    JOIN pm_payers py ON py.organization_id = s.organization_id AND py.id = pc.payer_id
    GROUP BY py.id, py.name ORDER BY count(DISTINCT a.patient_id) DESC, py.name LIMIT 1
  )
  SELECT py.id, py.name::text,
         (SELECT r.max_participants_per_supervisor FROM pm_supervision_rules r
          WHERE r.payer_id = py.id AND r.state_code = s.state_code),
         b.lows, b.highs, b.rates
  FROM payer py CROSS JOIN session s
  CROSS JOIN LATERAL (
    SELECT coalesce(array_agg(g.min_participants ORDER BY g.min_participants, g.id), '{}') AS lows,
           coalesce(array_agg(g.max_participants ORDER BY g.min_participants, g.id), '{}') AS highs,
           coalesce(array_agg(g.unit_rate_cents ORDER BY g.min_participants, g.id), '{}') AS rates
    FROM pm_group_size_bands g WHERE g.payer_id = py.id AND g.state_code = s.state_code) AS b
$$;

-- The session read model as 0902 defined it, its payer now from pf_group_session_payer.
CREATE OR REPLACE FUNCTION pf_group_session_read_model(wanted_session uuid) RETURNS SETOF pf_group_session_line
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
  )
  SELECT s.schedule_id, s.state_code::text, s.time_zone, s.site_id, s.location, s.topic, s.duration_minutes, s.date_text, s.start_text,
         s.end_text, s.facility_id, s.facility_name, s.group_type, s.documentation_status, s.locked,
         r.payer_id, r.payer_name, r.supervision, r.band_lows, r.band_highs, r.band_rates,
         a.id, a.patient_id, a.supervisor_user_id, a.attendance_status, a.participation_level, a.row_version, a.display_name
  FROM session s LEFT JOIN pf_group_session_payer(s.id) r ON true LEFT JOIN roster a ON true
$$;

-- One line: the session's site and length, every participant's and every supervisor's status
-- (what the preview counts), the organization's payer version, and the marked row with its
-- display name (PeopleLookup's rule, as in the read model). No line when the session or the row
-- is not visible. The payer is not read here: the caller reads pf_group_session_payer in a
-- statement of its own when the version is not the one it knows, so a mark that needs no payer
-- does not even start that part of the plan.
CREATE FUNCTION pf_group_session_mark_reply(wanted_session uuid, wanted_row uuid)
RETURNS TABLE (site_id uuid, duration_minutes int, participant_statuses text[], supervisor_statuses text[], payer_version bigint,
               row_id uuid, patient_id uuid, supervisor_user_id uuid, attendance_status text, participation_level text, row_version int,
               display_name text)
LANGUAGE sql STABLE SECURITY INVOKER AS $$
  SELECT f.site_id, (EXTRACT(EPOCH FROM (s.actual_end_time - s.actual_start_time)) / 60)::int,
         c.participants, c.supervisors, coalesce(v.version, 0),
         a.id, a.patient_id, a.supervisor_user_id, a.attendance_status, a.participation_level, a.row_version,
         coalesce(p.given_name || ' ' || p.family_name, u.display_name)
  FROM cl_group_sessions s
  JOIN pf_facilities f ON f.organization_id = s.organization_id AND f.id = s.facility_id
  JOIN cl_group_attendance a ON a.organization_id = s.organization_id AND a.session_id = s.id AND a.id = wanted_row
  LEFT JOIN pm_patients p ON p.organization_id = a.organization_id AND p.id = a.patient_id
  LEFT JOIN pf_memberships m ON m.organization_id = a.organization_id AND m.user_id = a.supervisor_user_id
  LEFT JOIN pf_users u ON u.id = m.user_id
  CROSS JOIN LATERAL (
    SELECT coalesce(array_agg(e.attendance_status) FILTER (WHERE e.supervisor_user_id IS NULL), '{}') AS participants,
           coalesce(array_agg(e.attendance_status) FILTER (WHERE e.supervisor_user_id IS NOT NULL), '{}') AS supervisors
    FROM cl_group_attendance e WHERE e.organization_id = s.organization_id AND e.session_id = s.id) AS c
  LEFT JOIN pf_group_payer_versions v ON v.organization_id = s.organization_id
  WHERE s.id = wanted_session
$$;
