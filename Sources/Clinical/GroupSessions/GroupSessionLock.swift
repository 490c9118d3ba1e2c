public import Foundation
import PostgresNIO
public import Platform

/// Locking sessions once a claim is built from them: `Attendance.mark` then answers 409 `LOCKED`,
/// so the roster the claim was priced on cannot drift without a forced correction.
public enum GroupSessionLock {
    /// Locks each session in the caller's transaction (the one that created the claim, so both
    /// commit or neither does). A session already locked keeps its first lock time and is not
    /// audited again. Returns the sessions this call locked. An unknown id answers 404.
    @discardableResult
    public static func lock(sessionIDs: [UUID], by principal: Principal, in tx: TenantTransaction) async throws -> [UUID] {
        let ids = Array(Set(sessionIDs)).sorted { $0.uuidString < $1.uuidString }
        guard !ids.isEmpty else { return [] }
        // Session row locks in one order (the same lock Attendance.mark takes first), so two
        // claim builds over overlapping sessions wait for each other instead of deadlocking.
        let found = try await tx.rows("""
            SELECT id, locked_at IS NOT NULL FROM cl_group_sessions WHERE id = ANY(\(ids)) ORDER BY id FOR UPDATE
            """).map { try $0.decode((UUID, Bool).self) }
        guard found.count == ids.count else { throw DomainError.notFound("group session") }
        let toLock = found.filter { !$0.1 }.map(\.0)
        guard !toLock.isEmpty else { return [] }
        try await tx.query("UPDATE cl_group_sessions SET locked_at = now() WHERE id = ANY(\(toLock))")
        for id in toLock {
            try await AuditLog.record(AuditEntry(action: "group-session.locked", entityType: "group_session", entityID: id.uuidString),
                                      by: principal, in: tx)
        }
        return toLock
    }
}
