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
        // Locks the session and reads the row, as a plain mark's refusal path does, but requires the lock.
        let current = try await refuseUnlessLegal(sessionID: sessionID, rowID: rowID, to: next, expectedVersion: expectedVersion, forced: true, in: tx)
        let updated = try await tx.rows("""
            UPDATE cl_group_attendance SET attendance_status = \(next.rawValue), row_version = row_version + 1, updated_at = now(),
                   updated_by = \(principal.userID)
            WHERE id = \(rowID)
            RETURNING row_version
            """)
        try await AuditLog.record(AuditEntry(action: "attendance.force-updated", entityType: "group_attendance", entityID: rowID.uuidString,
                                             reason: reason,
                                             details: ["before": current.rawValue, "after": next.rawValue, "session_id": sessionID.uuidString]),
                                  by: principal, in: tx)
        return ForcedAttendanceChange(rowID: rowID, before: current, after: next, rowVersion: try updated.first?.decode(Int.self) ?? 0)
    }
}
