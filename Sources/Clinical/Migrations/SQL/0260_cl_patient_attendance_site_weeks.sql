-- Attended minutes per patient, week and site: the per-week rollup of 0204 summed over each
-- site's facilities, kept by the same statements, so the IOP/PHP report (PM-11) reads a month as
-- one row per patient-week straight off this table's key. Reading the facility rows for the
-- month and summing them to sites was the report's cost (issue 18: a million-row organization's
-- April is 60,000 facility rows joined to facilities, aggregated to 15,000 and sorted, about
-- 50 ms in PostgreSQL).
--
-- Cells follow the rule of 0204: every contribution the facility rows receive is added here at
-- the site of its facility. The facility rows stay: a report for one facility reads them.
-- The key leads with the week, so a month is one range of the index however long the history.
CREATE TABLE cl_patient_attendance_site_weeks (
  organization_id uuid NOT NULL REFERENCES pf_organizations(id),
  week_start date NOT NULL,
  patient_id uuid NOT NULL,
  site_id uuid NOT NULL,
  rostered_sessions int NOT NULL DEFAULT 0,
  monday_minutes int NOT NULL DEFAULT 0,
  tuesday_minutes int NOT NULL DEFAULT 0,
  wednesday_minutes int NOT NULL DEFAULT 0,
  thursday_minutes int NOT NULL DEFAULT 0,
  friday_minutes int NOT NULL DEFAULT 0,
  saturday_minutes int NOT NULL DEFAULT 0,
  sunday_minutes int NOT NULL DEFAULT 0,
  PRIMARY KEY (organization_id, week_start, patient_id, site_id),
  FOREIGN KEY (organization_id, site_id) REFERENCES pf_sites(organization_id, id),
  CHECK (extract(isodow FROM week_start) = 1)
);
SELECT pf_enable_tenant_isolation('cl_patient_attendance_site_weeks');

-- Adds contributions to their sites' weeks: the facility's site is looked up when the
-- contribution is applied. Weeks are written in key order (see 0204), after the facility rows,
-- so every writer locks facility weeks before site weeks.
CREATE FUNCTION cl_apply_site_contributions(contributions cl_attendance_contribution[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO cl_patient_attendance_site_weeks AS w (organization_id, week_start, patient_id, site_id, rostered_sessions,
         monday_minutes, tuesday_minutes, wednesday_minutes, thursday_minutes, friday_minutes, saturday_minutes, sunday_minutes)
  SELECT * FROM (
    SELECT c.organization_id, c.week_start, c.patient_id, f.site_id, sum(c.sessions)::int AS sessions,
           coalesce(sum(c.minutes) FILTER (WHERE c.weekday = 1), 0)::int AS mon, coalesce(sum(c.minutes) FILTER (WHERE c.weekday = 2), 0)::int AS tue,
           coalesce(sum(c.minutes) FILTER (WHERE c.weekday = 3), 0)::int AS wed, coalesce(sum(c.minutes) FILTER (WHERE c.weekday = 4), 0)::int AS thu,
           coalesce(sum(c.minutes) FILTER (WHERE c.weekday = 5), 0)::int AS fri, coalesce(sum(c.minutes) FILTER (WHERE c.weekday = 6), 0)::int AS sat,
           coalesce(sum(c.minutes) FILTER (WHERE c.weekday = 7), 0)::int AS sun
    FROM unnest(contributions) AS c
    JOIN pf_facilities f ON f.organization_id = c.organization_id AND f.id = c.facility_id
    GROUP BY c.organization_id, c.week_start, c.patient_id, f.site_id
  ) g
  WHERE (g.sessions, g.mon, g.tue, g.wed, g.thu, g.fri, g.sat, g.sun) <> (0, 0, 0, 0, 0, 0, 0, 0)
  ORDER BY g.organization_id, g.week_start, g.patient_id, g.site_id
  ON CONFLICT (organization_id, week_start, patient_id, site_id) DO UPDATE SET
    rostered_sessions = w.rostered_sessions + excluded.rostered_sessions,
    monday_minutes = w.monday_minutes + excluded.monday_minutes,
    tuesday_minutes = w.tuesday_minutes + excluded.tuesday_minutes,
    wednesday_minutes = w.wednesday_minutes + excluded.wednesday_minutes,
    thursday_minutes = w.thursday_minutes + excluded.thursday_minutes,
    friday_minutes = w.friday_minutes + excluded.friday_minutes,
    saturday_minutes = w.saturday_minutes + excluded.saturday_minutes,
    sunday_minutes = w.sunday_minutes + excluded.sunday_minutes;
END $$;

-- 0204's generic path (roster inserts, deletes, session edits, moved rows) now writes both.
CREATE OR REPLACE FUNCTION cl_apply_attendance_contributions(contributions cl_attendance_contribution[]) RETURNS void
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
  PERFORM cl_apply_site_contributions(contributions);
END $$;

-- 0207's mark path: the same one-row UPDATE of the facility's week, then of its site's week.
-- The site is read after the facility row is updated (each statement of the function takes a
-- new snapshot), so a mark that waited for a facility's move to another site (below) adds its
-- minutes at the new site.
CREATE OR REPLACE FUNCTION cl_attendance_status_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  s cl_group_sessions%ROWTYPE;
  site uuid;
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
  -- The row's week exists since the row was rostered; should it not, the generic upsert writes both.
  IF NOT FOUND THEN
    PERFORM cl_apply_attendance_contributions(ARRAY[taken, added]);
    RETURN NULL;
  END IF;
  SELECT f.site_id INTO site FROM pf_facilities f WHERE f.organization_id = added.organization_id AND f.id = added.facility_id;
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

-- A facility moved to another site (no path of the application does this, but nothing forbids
-- it): its weeks are taken away from the old site and added at the new. The share locks wait for
-- every transaction writing sessions or attendance and hold new ones back until this commits, so
-- the facility's weeks cannot change while they are moved, and a writer held back reads the
-- facility's new site once it goes on.
CREATE FUNCTION cl_facility_site_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE cl_group_sessions, cl_group_attendance IN SHARE MODE;
  INSERT INTO cl_patient_attendance_site_weeks AS w (organization_id, week_start, patient_id, site_id, rostered_sessions,
         monday_minutes, tuesday_minutes, wednesday_minutes, thursday_minutes, friday_minutes, saturday_minutes, sunday_minutes)
  SELECT fw.organization_id, fw.week_start, fw.patient_id, m.site_id, m.sign * fw.rostered_sessions,
         m.sign * fw.monday_minutes, m.sign * fw.tuesday_minutes, m.sign * fw.wednesday_minutes, m.sign * fw.thursday_minutes,
         m.sign * fw.friday_minutes, m.sign * fw.saturday_minutes, m.sign * fw.sunday_minutes
  FROM cl_patient_attendance_weeks fw
  CROSS JOIN (VALUES (OLD.site_id, -1), (NEW.site_id, 1)) AS m(site_id, sign)
  WHERE fw.organization_id = NEW.organization_id AND fw.facility_id = NEW.id
  ORDER BY fw.organization_id, fw.week_start, fw.patient_id, m.site_id
  ON CONFLICT (organization_id, week_start, patient_id, site_id) DO UPDATE SET
    rostered_sessions = w.rostered_sessions + excluded.rostered_sessions,
    monday_minutes = w.monday_minutes + excluded.monday_minutes,
    tuesday_minutes = w.tuesday_minutes + excluded.tuesday_minutes,
    wednesday_minutes = w.wednesday_minutes + excluded.wednesday_minutes,
    thursday_minutes = w.thursday_minutes + excluded.thursday_minutes,
    friday_minutes = w.friday_minutes + excluded.friday_minutes,
    saturday_minutes = w.saturday_minutes + excluded.saturday_minutes,
    sunday_minutes = w.sunday_minutes + excluded.sunday_minutes;
  RETURN NULL;
END $$;

CREATE TRIGGER cl_attendance_site_weeks_facility_moved AFTER UPDATE OF site_id ON pf_facilities
  FOR EACH ROW WHEN (OLD.site_id IS DISTINCT FROM NEW.site_id)
  EXECUTE FUNCTION cl_facility_site_changed();

-- Existing weeks, summed to their sites once.
INSERT INTO cl_patient_attendance_site_weeks (organization_id, week_start, patient_id, site_id, rostered_sessions,
       monday_minutes, tuesday_minutes, wednesday_minutes, thursday_minutes, friday_minutes, saturday_minutes, sunday_minutes)
SELECT w.organization_id, w.week_start, w.patient_id, f.site_id, sum(w.rostered_sessions),
       sum(w.monday_minutes), sum(w.tuesday_minutes), sum(w.wednesday_minutes), sum(w.thursday_minutes),
       sum(w.friday_minutes), sum(w.saturday_minutes), sum(w.sunday_minutes)
FROM cl_patient_attendance_weeks w
JOIN pf_facilities f ON f.organization_id = w.organization_id AND f.id = w.facility_id
GROUP BY w.organization_id, w.week_start, w.patient_id, f.site_id
ORDER BY w.organization_id, w.week_start, w.patient_id, f.site_id;
