-- Every roster read and supervisor sync looks rows up by session. The partial unique indexes
-- cover patients or supervisors only, so without this the planner scanned the whole table.
CREATE INDEX cl_group_attendance_session ON cl_group_attendance (organization_id, session_id);
-- Supervisor sync joins assignments to a session's participants by patient.
CREATE INDEX cl_staff_assignments_patient ON cl_staff_assignments (organization_id, patient_id) WHERE active;
