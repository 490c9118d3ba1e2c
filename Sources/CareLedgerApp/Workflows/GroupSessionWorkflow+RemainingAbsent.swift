import Clinical
public import Foundation
public import Platform

extension GroupSessionWorkflow {
    /// The seed's prompt at close: every row still SCHEDULED becomes ABSENT, each through the
    /// ordinary mark (so each is audited and a documented session is republished), all in the
    /// caller's transaction. Returns how many rows changed.
    public static func markRemainingAbsent(sessionID: UUID, by principal: Principal, bus: EventBus, in tx: TenantTransaction) async throws -> Int {
        guard try await GroupSessions.exists(sessionID, in: tx) else { throw DomainError.notFound("group session") }
        let rows = try await Attendance.stillScheduled(sessionID: sessionID, in: tx)
        for row in rows {
            try await mark(sessionID: sessionID, rowID: row.rowID, to: .absent, expectedVersion: row.rowVersion, by: principal, bus: bus, in: tx)
        }
        return rows.count
    }
}
