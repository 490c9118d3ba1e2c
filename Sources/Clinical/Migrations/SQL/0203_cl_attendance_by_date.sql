-- The IOP/PHP compliance read (Platform's pf_attended_minutes_by_day) walks one organization's
-- sessions by date, then each session's patient rows. Both indexes cover the columns that
-- read needs, so a month of a large organization is answered from the indexes alone.
CREATE INDEX cl_group_sessions_by_date ON cl_group_sessions (organization_id, session_date)
  INCLUDE (id, facility_id, actual_start_time, actual_end_time);
-- Patients' rows only. The status is in the index, so a mark is no longer a HOT update (each
-- index of the table gets an entry): the price of a report that never reads the table's heap.
CREATE INDEX cl_group_attendance_patient_status ON cl_group_attendance (organization_id, session_id)
  INCLUDE (patient_id, attendance_status) WHERE patient_id IS NOT NULL;
