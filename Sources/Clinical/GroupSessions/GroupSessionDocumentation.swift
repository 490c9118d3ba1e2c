public import Foundation
import PostgresNIO
public import Platform

/// Publishing `cl_group_session_documented`: the hand-off from documentation to charge capture.
public enum GroupSessionDocumentation {
    /// Publishes the session's documented facts in the caller's transaction, so the event exists
    /// only if the change that caused it commits, and returns them; nil when the trigger does not apply.
    @discardableResult
    public static func publish(sessionID: UUID, trigger: GroupSessionDocumented.Trigger, by principal: Principal?, bus: EventBus,
                               in tx: TenantTransaction) async throws -> GroupSessionDocumented.Payload? {
        try await publish(sessionIDs: [sessionID], trigger: trigger, by: principal, bus: bus, in: tx).first
    }

    /// The set-wise form: three statements whatever the number of sessions. A session is skipped
    /// when the trigger does not apply to it: `.endTime` only for a session never documented (the
    /// once-guard), `.attendanceChanged` and `.finalized` only while the session is not locked (a
    /// locked session's charges change only through a forced correction).
    @discardableResult
    public static func publish(sessionIDs: [UUID], trigger: GroupSessionDocumented.Trigger, by principal: Principal?, bus: EventBus,
                               in tx: TenantTransaction) async throws -> [GroupSessionDocumented.Payload] {
        guard !sessionIDs.isEmpty else { return [] }
        let condition = switch trigger {
        case .endTime: "documented_at IS NULL"
        case .attendanceChanged: "documented_at IS NOT NULL AND locked_at IS NULL"
        case .finalized: "locked_at IS NULL"
        case .forcedCorrection: "true"
        }
        var sql = PostgresQuery(unsafeSQL: """
            UPDATE cl_group_sessions
            SET documented_at = coalesce(documented_at, now()), documentation_revision = documentation_revision + 1
            WHERE id = ANY($1) AND \(condition)
            RETURNING id, schedule_id, to_char(session_date, 'YYYY-MM-DD'), to_char(actual_start_time, 'HH24:MI'),
                      to_char(actual_end_time, 'HH24:MI'), (EXTRACT(EPOCH FROM (actual_end_time - actual_start_time)) / 60)::int,
                      facilitator_id, facility_id, group_type, documentation_revision
            """)
        sql.binds.append(sessionIDs)
        let sessions = try await tx.rows(sql).map { try $0.decode((UUID, UUID?, String, String, String, Int, UUID?, UUID, String, Int).self) }
        guard !sessions.isEmpty else { return [] }
        var attendees: [UUID: [GroupSessionDocumented.Attendee]] = [:]
        for try await (session, patient, status, level) in try await tx.query("""
            SELECT session_id, patient_id, attendance_status, participation_level FROM cl_group_attendance
            WHERE session_id = ANY(\(sessions.map(\.0))) AND patient_id IS NOT NULL ORDER BY session_id, patient_id
            """).decode((UUID, UUID, String, String?).self) {
            attendees[session, default: []].append(GroupSessionDocumented.Attendee(
                patientId: patient, attendanceStatus: AttendanceStatus(rawValue: status) ?? .scheduled, participationLevel: level))
        }
        let metadata = GroupSessionDocumented.Metadata(organizationId: tx.organizationID, userId: principal?.userID, timestamp: Date(),
                                                       correlationId: tx.correlationID)
        let payloads = try sessions.map { id, scheduleID, date, start, end, duration, facilitator, facility, groupType, revision in
            GroupSessionDocumented.Payload(
                header: GroupSessionHeader(id: id, scheduleID: scheduleID, sessionDate: try ServiceDate(stored: date), startTime: start, endTime: end,
                                           durationMinutes: duration, facilityID: facility, groupType: groupType),
                facilitatorId: facilitator, attendees: attendees[id] ?? [], revision: revision, trigger: trigger, metadata: metadata)
        }
        try await bus.publishAll(GroupSessionDocumented.self, payloads, in: tx)
        return payloads
    }
}
