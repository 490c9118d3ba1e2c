public import Foundation
import PostgresNIO
public import Platform

/// A forced attendance change on a locked (billed) session, as audited.
public struct ForcedAttendanceChange: Sendable, Equatable {
    public let rowID: UUID
    public let before: AttendanceStatus
    public let after: AttendanceStatus
    public let rowVersion: Int
}

extension Attendance {
    /// Changes a row of a locked session (CL-14 forced correction). Needs
    /// `clinical.attendance.write.force` and a reason; the roster's legal moves and the row
    /// version still apply. The override is audit-logged with actor, reason, before and after.
    /// The caller voids and rebuilds the charges in the same transaction.
    public static func forceMark(sessionID: UUID, rowID: UUID, to next: AttendanceStatus, expectedVersion: Int?, reason: String,
                                 by principal: Principal, in tx: TenantTransaction) async throws -> ForcedAttendanceChange {
        try principal.require(.attendanceWriteForce)
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty, reason.count <= 500 else {
            throw DomainError.invalid("reason", "Say why attendance is forced on a billed session (up to 500 characters).", code: "REASON_REQUIRED")
        }
        let found = try await tx.rows("""
            SELECT s.locked_at IS NOT NULL, a.attendance_status, a.row_version
            FROM cl_group_sessions s
            LEFT JOIN cl_group_attendance a ON a.organization_id = s.organization_id AND a.session_id = s.id AND a.id = \(rowID)
            WHERE s.id = \(sessionID)
            FOR UPDATE OF s
            """)
        guard let first = found.first else { throw DomainError.notFound("group session") }
        let (locked, status, rowVersion) = try first.decode((Bool, String?, Int?).self)
        guard let rawStatus = status, let version = rowVersion else { throw DomainError.notFound("attendance row") }
        guard locked else {
            throw DomainError(.conflict, code: "NOT_LOCKED", message: "The session is not locked; mark attendance without force.")
        }
        let current = AttendanceStatus(rawValue: rawStatus) ?? .scheduled
        if let expectedVersion, expectedVersion != version {
            throw DomainError(.conflict, code: "STALE_ROW", message: "Someone else changed this row (now \(current.rawValue)); reload and try again.")
        }
        guard current.canTransition(to: next) else {
            throw DomainError(.conflict, code: "ILLEGAL_TRANSITION",
                              message: "\(current.rawValue) cannot change to \(next.rawValue); allowed: \(current.legalNextStates.map(\.rawValue).joined(separator: ", ")).")
        }
        try await tx.query("""
            UPDATE cl_group_attendance SET attendance_status = \(next.rawValue), row_version = row_version + 1, updated_at = now(),
                   updated_by = \(principal.userID)
            WHERE id = \(rowID)
            """)
        try await AuditLog.record(AuditEntry(action: "attendance.force-updated", entityType: "group_attendance", entityID: rowID.uuidString,
                                             reason: reason,
                                             details: ["before": current.rawValue, "after": next.rawValue, "session_id": sessionID.uuidString]),
                                  by: principal, in: tx)
        return ForcedAttendanceChange(rowID: rowID, before: current, after: next, rowVersion: version + 1)
    }
}
