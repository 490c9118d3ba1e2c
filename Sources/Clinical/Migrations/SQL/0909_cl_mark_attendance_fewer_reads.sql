-- The mark's reads folded into fewer statements. Every statement a plpgsql function runs starts
-- and ends an executor of its own (its plan's nodes, a gate and an init plan per tenant table for
-- the row-level policy, a snapshot), and those start-ups were the largest part of the mark's time
-- in PostgreSQL (docs/BENCHMARKS.md). What is read, and from which snapshot's point of view, is
-- unchanged: every read here runs after the mark's writes, under the session's lock, as before.
--
-- * The reply (0907) read the marked row with its session and site, then every row's status, then
--   the organization's group payer version, in three statements; it reads them in one. The name
--   lookup stays apart: a participant's and a supervisor's are different tables, and only the one
--   the row needs runs.
-- * The rollup's status trigger (0260) read the session, then (after the week's update) the site
--   of its facility; it reads both in one statement, the session's columns it uses only.

CREATE OR REPLACE FUNCTION cl_attendance_status_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  on_date date;
  facility uuid;
  started time;
  ended time;
  site uuid;
  taken cl_attendance_contribution;
  added cl_attendance_contribution;
  delta int;
BEGIN
  SELECT s.session_date, s.facility_id, s.actual_start_time, s.actual_end_time, f.site_id
  INTO on_date, facility, started, ended, site
  FROM cl_group_sessions s
  JOIN pf_facilities f ON f.organization_id = s.organization_id AND f.id = s.facility_id
  WHERE s.organization_id = NEW.organization_id AND s.id = NEW.session_id;
  taken := cl_attendance_contribution(-1, OLD.organization_id, OLD.patient_id, OLD.attendance_status, on_date, facility, started, ended);
  added := cl_attendance_contribution(1, NEW.organization_id, NEW.patient_id, NEW.attendance_status, on_date, facility, started, ended);
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
  -- The row's week exists since the row was rostered; should it not, the generic upsert writes both.
  IF NOT FOUND THEN
    PERFORM cl_apply_attendance_contributions(ARRAY[taken, added]);
    RETURN NULL;
  END IF;
  UPDATE cl_patient_attendance_site_weeks
  SET monday_minutes = monday_minutes + CASE WHEN added.weekday = 1 THEN delta ELSE 0 END,
      tuesday_minutes = tuesday_minutes + CASE WHEN added.weekday = 2 THEN delta ELSE 0 END,
      wednesday_minutes = wednesday_minutes + CASE WHEN added.weekday = 3 THEN delta ELSE 0 END,
      thursday_minutes = thursday_minutes + CASE WHEN added.weekday = 4 THEN delta ELSE 0 END,
      friday_minutes = friday_minutes + CASE WHEN added.weekday = 5 THEN delta ELSE 0 END,
      saturday_minutes = saturday_minutes + CASE WHEN added.weekday = 6 THEN delta ELSE 0 END,
      sunday_minutes = sunday_minutes + CASE WHEN added.weekday = 7 THEN delta ELSE 0 END
  WHERE organization_id = added.organization_id AND week_start = added.week_start AND patient_id = added.patient_id
    AND site_id = site;
  IF NOT FOUND THEN
    PERFORM cl_apply_site_contributions(ARRAY[taken, added]);
  END IF;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION cl_mark_attendance_reply(p_organization uuid, p_correlation uuid, p_session uuid, p_row uuid, p_next text,
                                                    p_actor uuid, p_expected_version int8, p_legal_from text[], p_token uuid,
                                                    p_known_payer_version int8)
RETURNS TABLE (site_id uuid, duration_minutes int, participant_statuses text[], supervisor_statuses text[],
               payer_version bigint, payer_read boolean,
               payer_id uuid, payer_name text, supervision int, band_lows int[], band_highs int[], band_rates int[],
               row_id uuid, patient_id uuid, supervisor_user_id uuid, attendance_status text, participation_level text, row_version int,
               display_name text)
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM set_config('app.organization_id', p_organization::text, true), set_config('app.correlation_id', p_correlation::text, true);
  PERFORM 1 FROM cl_mark_attendance_row(p_session, p_row, p_next, p_actor, p_expected_version, p_legal_from, p_token, p_correlation, true);
  IF NOT FOUND THEN
    RETURN;
  END IF;
  SELECT f.site_id, (EXTRACT(EPOCH FROM (s.actual_end_time - s.actual_start_time)) / 60)::int,
         a.id, a.patient_id, a.supervisor_user_id, a.attendance_status, a.participation_level, a.row_version,
         statuses.participants, statuses.supervisors, coalesce(v.version, 0)
  INTO site_id, duration_minutes, row_id, patient_id, supervisor_user_id, attendance_status, participation_level, row_version,
       participant_statuses, supervisor_statuses, payer_version
  FROM cl_group_sessions s
  JOIN pf_facilities f ON f.organization_id = s.organization_id AND f.id = s.facility_id
  JOIN cl_group_attendance a ON a.organization_id = s.organization_id AND a.session_id = s.id AND a.id = p_row
  CROSS JOIN LATERAL (
    SELECT coalesce(array_agg(e.attendance_status) FILTER (WHERE e.supervisor_user_id IS NULL), '{}') AS participants,
           coalesce(array_agg(e.attendance_status) FILTER (WHERE e.supervisor_user_id IS NOT NULL), '{}') AS supervisors
    FROM cl_group_attendance e
    WHERE e.organization_id = s.organization_id AND e.session_id = s.id
  ) statuses
  LEFT JOIN pf_group_payer_versions v ON v.organization_id = s.organization_id
  WHERE s.organization_id = p_organization AND s.id = p_session;
  -- A participant's name, or a supervisor's: only the lookup the row needs runs.
  IF patient_id IS NOT NULL THEN
    SELECT p.given_name || ' ' || p.family_name INTO display_name
    FROM pm_patients p WHERE p.organization_id = p_organization AND p.id = patient_id;
  ELSE
    SELECT u.display_name INTO display_name
    FROM pf_memberships m JOIN pf_users u ON u.id = m.user_id
    WHERE m.organization_id = p_organization AND m.user_id = supervisor_user_id;
  END IF;
  payer_read := payer_version IS DISTINCT FROM p_known_payer_version;
  IF payer_read THEN
    SELECT g.payer_id, g.payer_name, g.supervision, g.band_lows, g.band_highs, g.band_rates
    INTO payer_id, payer_name, supervision, band_lows, band_highs, band_rates
    FROM pf_group_session_payer(p_session) AS g;
  END IF;
  RETURN NEXT;
END $$;
