public import Foundation
import PostgresNIO
public import Platform

/// Group session documentation (CL-14): creating sessions, the list and the detail.
public enum GroupSessions {
    /// Creates an ad-hoc session with its roster; supervisors come from SUPERVISING assignments.
    public static func create(_ new: NewGroupSession, scheduleID: UUID? = nil, by principal: Principal, in tx: TenantTransaction) async throws -> UUID {
        guard let start = TimeOfDay(new.startTime) else { throw DomainError.invalid("start_time", "Use the form HH:MM (24-hour).") }
        guard let end = TimeOfDay(new.endTime) else { throw DomainError.invalid("end_time", "Use the form HH:MM (24-hour).") }
        guard end > start else { throw DomainError.invalid("end_time", "The session ends after it starts.") }
        let groupType = new.groupType.trimmingCharacters(in: .whitespaces)
        guard !groupType.isEmpty, groupType.count <= 80 else { throw DomainError.invalid("group_type", "Name the group type.") }
        let topic = try ClinicalNoteText.clean(new.topic, field: "topic", limit: ClinicalNoteText.topicLimit)
        guard try await !tx.rows("SELECT 1 FROM pf_facilities WHERE id = \(new.facilityID)").isEmpty else { throw DomainError.notFound("facility") }
        let patients = Array(Set(new.patientIDs))
        guard patients.count <= 100 else { throw DomainError.invalid("patient_ids", "A group holds at most 100 participants.") }
        let known = try await PeopleLookup.patientNames(patients, in: tx)
        if let missing = patients.first(where: { known[$0] == nil }) {
            throw DomainError(.notFound, code: "NOT_FOUND", message: "No patient \(missing.uuidString.lowercased()) exists in this organization.",
                              field: "patient_ids")
        }
        let id = UUID.random()
        try await tx.query("""
            INSERT INTO cl_group_sessions (organization_id, id, schedule_id, facility_id, group_type, session_date, actual_start_time,
                                           actual_end_time, facilitator_id, location, topic)
            VALUES (\(tx.organizationID), \(id), \(scheduleID), \(new.facilityID), \(groupType), \(new.sessionDate.description)::date,
                    \(start.description)::time, \(end.description)::time, \(new.facilitatorID), \(new.location), \(topic))
            """)
        try await tx.query("""
            INSERT INTO cl_group_attendance (organization_id, id, session_id, patient_id)
            SELECT \(tx.organizationID), gen_random_uuid(), \(id), p FROM unnest(\(patients)::uuid[]) AS p
            """)
        try await syncSupervisors(sessionID: id, in: tx)
        try await AuditLog.record(AuditEntry(action: "group-session.created", entityType: "group_session", entityID: id.uuidString,
                                             details: ["schedule_id": scheduleID?.uuidString ?? "", "participants": String(patients.count)]),
                                  by: principal, in: tx)
        return id
    }

    /// Documents a scheduled occurrence: the header and roster are pre-filled from the schedule
    /// (checked through the integration layer), then owned by the clinical record. Idempotent.
    public static func createFromSchedule(_ scheduleID: UUID, by principal: Principal, in tx: TenantTransaction) async throws -> UUID {
        if let existing = try await tx.rows("SELECT id FROM cl_group_sessions WHERE schedule_id = \(scheduleID)").first {
            return try existing.decode(UUID.self)
        }
        guard let occurrence = try await ScheduledOccurrence.find(scheduleID, in: tx) else { throw DomainError.notFound("scheduled occurrence") }
        return try await create(NewGroupSession(facilityID: occurrence.facilityID, groupType: occurrence.groupType, sessionDate: occurrence.sessionDate,
                                                startTime: occurrence.startTime, endTime: occurrence.endTime,
                                                patientIDs: occurrence.enrolledPatientIDs, facilitatorID: occurrence.facilitatorID,
                                                location: occurrence.location),
                                scheduleID: scheduleID, by: principal, in: tx)
    }

    /// Adds a supervisor row for every distinct provider with an active SUPERVISING assignment
    /// to a participant, so an assignment added later shows on the next read.
    static func syncSupervisors(sessionID: UUID, in tx: TenantTransaction) async throws {
        try await tx.query("""
            INSERT INTO cl_group_attendance (organization_id, id, session_id, supervisor_user_id)
            SELECT supervisors.organization_id, gen_random_uuid(), \(sessionID), supervisors.provider_user_id
            FROM (SELECT DISTINCT a.organization_id, a.provider_user_id
                  FROM cl_staff_assignments a
                  JOIN cl_group_attendance p ON p.organization_id = a.organization_id AND p.patient_id = a.patient_id
                  WHERE p.session_id = \(sessionID) AND a.role = 'SUPERVISING' AND a.active) AS supervisors
            ON CONFLICT DO NOTHING
            """)
    }

    /// Whether the session exists in this organization.
    public static func exists(_ id: UUID, in tx: TenantTransaction) async throws -> Bool {
        try await !tx.rows("SELECT 1 FROM cl_group_sessions WHERE id = \(id)").isEmpty
    }

    /// The session list, newest first within the filter.
    public static func list(_ filter: GroupSessionFilter, in tx: TenantTransaction) async throws -> [GroupSessionSummary] {
        let rows = try await tx.rows("""
            SELECT s.id, s.schedule_id, to_char(s.session_date, 'YYYY-MM-DD'), to_char(s.actual_start_time, 'HH24:MI'),
                   to_char(s.actual_end_time, 'HH24:MI'), (EXTRACT(EPOCH FROM (s.actual_end_time - s.actual_start_time)) / 60)::int,
                   s.facility_id, f.name, s.group_type,
                   coalesce((SELECT array_agg(u.display_name ORDER BY u.display_name) FROM cl_group_attendance a JOIN pf_users u ON u.id = a.supervisor_user_id
                             WHERE a.organization_id = s.organization_id AND a.session_id = s.id), '{}'),
                   count(a.id) FILTER (WHERE a.patient_id IS NOT NULL)::int,
                   count(a.id) FILTER (WHERE a.patient_id IS NOT NULL AND a.attendance_status = 'ATTENDED')::int,
                   count(a.id) FILTER (WHERE a.patient_id IS NOT NULL AND a.attendance_status = 'LATE')::int,
                   count(a.id) FILTER (WHERE a.patient_id IS NOT NULL AND a.attendance_status = 'ABSENT')::int,
                   count(a.id) FILTER (WHERE a.patient_id IS NOT NULL AND a.attendance_status = 'SCHEDULED')::int,
                   s.documentation_status, s.locked_at IS NOT NULL
            FROM cl_group_sessions s
            JOIN pf_facilities f ON f.organization_id = s.organization_id AND f.id = s.facility_id
            LEFT JOIN cl_group_attendance a ON a.organization_id = s.organization_id AND a.session_id = s.id
            WHERE s.session_date BETWEEN \(filter.from.description)::date AND \(filter.to.description)::date
              AND (\(filter.facilityID)::uuid IS NULL OR s.facility_id = \(filter.facilityID))
              AND (\(filter.groupType)::text IS NULL OR s.group_type = \(filter.groupType))
              AND (\(filter.status)::text IS NULL OR s.documentation_status = \(filter.status))
            GROUP BY s.organization_id, s.id, f.name
            ORDER BY s.session_date, s.actual_start_time, s.id
            LIMIT \(filter.limit) OFFSET \(filter.offset)
            """)
        return try rows.map { row in
            let (id, schedule, date, start, end, duration, facility, facilityName, type, supervisors, size, attended, late, absent, scheduled,
                 status, locked) = try row.decode((UUID, UUID?, String, String, String, Int, UUID, String, String, [String], Int, Int, Int, Int, Int,
                                                   String, Bool).self)
            let header = GroupSessionHeader(id: id, scheduleID: schedule, sessionDate: try ServiceDate(stored: date), startTime: start, endTime: end,
                                            durationMinutes: duration, facilityID: facility, groupType: type)
            return GroupSessionSummary(header: header, facilityName: facilityName, supervisors: supervisors, rosterSize: size, attended: attended,
                                       late: late, absent: absent, scheduled: scheduled, documentationStatus: status, locked: locked)
        }
    }
}
