-- One line of a group session as the integration layer reads it (pf_group_session_read_model,
-- 0902): the header, one attendance row with its display name, and the group's primary payer
-- with its rules. A type of its own, defined before the cores' migrations, so that a core's
-- function can return such lines (cl_mark_attendance_alone, 0206).
CREATE TYPE pf_group_session_line AS (
  schedule_id uuid, state_code text, time_zone text, site_id uuid, location text, topic text, duration_minutes int,
  session_date text, start_time text, end_time text, facility_id uuid, facility_name text, group_type text,
  documentation_status text, locked boolean,
  payer_id uuid, payer_name text, supervision int, band_lows int[], band_highs int[], band_rates int[],
  row_id uuid, patient_id uuid, supervisor_user_id uuid, attendance_status text, participation_level text, row_version int,
  display_name text);
