-- CL-14 group session documentation. schedule_id and patient_id point into Practice
-- Management's tables; they are checked through the platform integration layer, never by
-- a foreign key (core independence).
CREATE TABLE cl_group_sessions (
  organization_id uuid NOT NULL REFERENCES pf_organizations(id),
  id uuid NOT NULL,
  schedule_id uuid,
  facility_id uuid NOT NULL,
  group_type text NOT NULL,
  session_date date NOT NULL,
  actual_start_time time NOT NULL,
  actual_end_time time NOT NULL,
  facilitator_id uuid,
  co_facilitator_id uuid,
  location text,
  topic text,
  curriculum text,
  notes text,
  -- Documentation lifecycle: open (being taken), finalized (every row terminal, ready to bill).
  documentation_status text NOT NULL DEFAULT 'open' CHECK (documentation_status IN ('open', 'finalized')),
  -- Set when a claim is built from the session (next issue): attendance edits then need force.
  locked_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organization_id, id),
  FOREIGN KEY (organization_id, facility_id) REFERENCES pf_facilities (organization_id, id),
  CHECK (actual_end_time > actual_start_time)
);
CREATE UNIQUE INDEX cl_group_sessions_schedule ON cl_group_sessions (organization_id, schedule_id) WHERE schedule_id IS NOT NULL;
CREATE INDEX cl_group_sessions_date ON cl_group_sessions (organization_id, facility_id, session_date);
SELECT pf_enable_tenant_isolation('cl_group_sessions');

-- One row per participant, and one per supervisor (is_supervisor): the same states and moves.
CREATE TABLE cl_group_attendance (
  organization_id uuid NOT NULL,
  id uuid NOT NULL,
  session_id uuid NOT NULL,
  patient_id uuid,
  supervisor_user_id uuid,
  attendance_status text NOT NULL DEFAULT 'SCHEDULED' CHECK (attendance_status IN ('SCHEDULED', 'ATTENDED', 'LATE', 'ABSENT')),
  participation_level text CHECK (participation_level IN ('full', 'partial', 'minimal', 'none')),
  individual_response text,
  goal_progress text,
  row_version int NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid,
  PRIMARY KEY (organization_id, id),
  FOREIGN KEY (organization_id, session_id) REFERENCES cl_group_sessions (organization_id, id),
  CHECK ((patient_id IS NULL) <> (supervisor_user_id IS NULL))
);
CREATE UNIQUE INDEX cl_group_attendance_patient ON cl_group_attendance (organization_id, session_id, patient_id) WHERE patient_id IS NOT NULL;
CREATE UNIQUE INDEX cl_group_attendance_supervisor ON cl_group_attendance (organization_id, session_id, supervisor_user_id) WHERE supervisor_user_id IS NOT NULL;
SELECT pf_enable_tenant_isolation('cl_group_attendance');

-- Care-team assignments: a provider's role for a patient. SUPERVISING assignments decide a
-- session's supervisors.
CREATE TABLE cl_staff_assignments (
  organization_id uuid NOT NULL REFERENCES pf_organizations(id),
  id uuid NOT NULL,
  provider_user_id uuid NOT NULL,
  patient_id uuid NOT NULL,
  role text NOT NULL CHECK (role IN ('SUPERVISING', 'PRIMARY', 'CONSULTING')),
  active boolean NOT NULL DEFAULT true,
  PRIMARY KEY (organization_id, id),
  UNIQUE (organization_id, provider_user_id, patient_id, role)
);
SELECT pf_enable_tenant_isolation('cl_staff_assignments');
