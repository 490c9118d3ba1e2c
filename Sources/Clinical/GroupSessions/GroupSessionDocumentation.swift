public import Foundation
import PostgresNIO
public import Platform

/// Publishing `cl_group_session_documented`: the hand-off from documentation to charge capture.
public enum GroupSessionDocumentation {
    /// Publishes the session's documented facts in the caller's transaction, so the event exists
    /// only if the change that caused it commits, and returns them. Returns nil (and publishes nothing) when the
    /// trigger does not apply: `.endTime` only for a session never documented (the once-guard),
    /// `.attendanceChanged` and `.finalized` only while the session is not locked (a locked
    /// session's charges change only through a forced correction).
    @discardableResult
    public static func publish(sessionID: UUID, trigger: GroupSessionDocumented.Trigger, by principal: Principal?, bus: EventBus,
                               in tx: TenantTransaction) async throws -> GroupSessionDocumented.Payload? {
        let condition: PostgresQuery = switch trigger {
        case .endTime: "documented_at IS NULL"
        case .attendanceChanged: "documented_at IS NOT NULL AND locked_at IS NULL"
        case .finalized: "locked_at IS NULL"
        case .forcedCorrection: "true"
        }
        var sql = PostgresQuery(unsafeSQL: """
            UPDATE cl_group_sessions
            SET documented_at = coalesce(documented_at, now()), documentation_revision = documentation_revision + 1
            WHERE id = $1 AND
            """)
        sql.sql += " " + condition.sql + """

            RETURNING schedule_id, to_char(session_date, 'YYYY-MM-DD'), to_char(actual_start_time, 'HH24:MI'),
                      to_char(actual_end_time, 'HH24:MI'), (EXTRACT(EPOCH FROM (actual_end_time - actual_start_time)) / 60)::int,
                      facilitator_id, facility_id, group_type, documentation_revision
            """
        sql.binds.append(sessionID)
        guard let row = try await tx.rows(sql).first else { return nil }
        let (scheduleID, date, start, end, duration, facilitator, facility, groupType, revision) =
            try row.decode((UUID?, String, String, String, Int, UUID?, UUID, String, Int).self)
        let attendees = try await tx.rows("""
            SELECT patient_id, attendance_status, participation_level FROM cl_group_attendance
            WHERE session_id = \(sessionID) AND patient_id IS NOT NULL ORDER BY patient_id
            """).map { row in
            let (patient, status, level) = try row.decode((UUID, String, String?).self)
            return GroupSessionDocumented.Attendee(patientId: patient, attendanceStatus: AttendanceStatus(rawValue: status) ?? .scheduled,
                                                   participationLevel: level)
        }
        let metadata = GroupSessionDocumented.Metadata(organizationId: tx.organizationID, userId: principal?.userID, timestamp: Date(),
                                                       correlationId: tx.correlationID)
        let payload = GroupSessionDocumented.Payload(
            sessionId: sessionID, scheduleId: scheduleID, sessionDate: date, actualStartTime: start, actualEndTime: end,
            durationMinutes: duration, facilitatorId: facilitator, attendees: attendees, facilityId: facility, groupType: groupType,
            revision: revision, trigger: trigger, metadata: metadata)
        try await bus.publish(GroupSessionDocumented.self, payload, in: tx)
        return payload
    }
}
