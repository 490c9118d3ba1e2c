import Clinical
import Foundation
import Platform

/// The attendance actions as the API and the pages perform them: Clinical's change, then the
/// documented event that hands the session to charge capture, in the caller's transaction.
enum GroupSessionWorkflow {
    /// Marks one row; a session already documented is published again so its charges are rebuilt.
    static func mark(sessionID: UUID, rowID: UUID, to status: AttendanceStatus, expectedVersion: Int?, by principal: Principal,
                     bus: EventBus, in tx: TenantTransaction) async throws {
        _ = try await Attendance.mark(sessionID: sessionID, rowID: rowID, to: status, expectedVersion: expectedVersion, by: principal, in: tx)
        try await GroupSessionDocumentation.publish(sessionID: sessionID, trigger: .attendanceChanged, by: principal, bus: bus, in: tx)
    }

    /// Finalizes; a finalized session is documented (charges are built without waiting for its end time).
    static func finalize(sessionID: UUID, by principal: Principal, bus: EventBus, in tx: TenantTransaction) async throws -> FinalizeOutcome {
        let outcome = try await Attendance.finalize(sessionID: sessionID, by: principal, in: tx)
        if outcome.finalized {
            try await GroupSessionDocumentation.publish(sessionID: sessionID, trigger: .finalized, by: principal, bus: bus, in: tx)
        }
        return outcome
    }
}
