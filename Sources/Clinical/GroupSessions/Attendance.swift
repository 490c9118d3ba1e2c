public import Foundation
import PostgresNIO
public import Platform

/// What a mark changed; the caller that shows the row reads it with the session's detail.
public struct AttendanceMark: Sendable, Equatable {
    public let rowID: UUID
    public let status: AttendanceStatus
    public let rowVersion: Int
    /// The session had been documented before this mark, so its charges must be rebuilt.
    public let sessionDocumented: Bool
}

/// Marking attendance and finalizing: the roster state machine (CL-14).
public enum Attendance {
    /// Moves one row to `next`. Refused with 409 and nothing changed when the move is not legal
    /// (including to the same status), when `expectedVersion` is stale (someone else marked the
    /// row first), or when the session is locked (a claim was built from it).
    public static func mark(sessionID: UUID, rowID: UUID, to next: AttendanceStatus, expectedVersion: Int?,
                            by principal: Principal, in tx: TenantTransaction) async throws -> AttendanceMark {
        let statement = AttendanceMarkStatement(mark: AttendanceMarkRequest(sessionID: sessionID, rowID: rowID, next: next,
                                                                            expectedVersion: expectedVersion, principal: principal,
                                                                            correlationID: tx.correlationID))
        // The common case is one round trip: lock, update and audit entry together.
        if let (version, documented) = try await tx.execute(statement).first {
            return AttendanceMark(rowID: rowID, status: next, rowVersion: version, sessionDocumented: documented)
        }
        // Nothing changed. Read the row under the session lock to say why; if the move is legal
        // after all, the statement only saw the row from before a mark it waited for.
        try await refuseUnlessLegal(sessionID: sessionID, rowID: rowID, to: next, expectedVersion: expectedVersion, in: tx)
        guard let (version, documented) = try await tx.execute(statement).first else {
            // Unreachable while this transaction holds the session lock; refuse rather than guess.
            throw DomainError(.conflict, code: "STALE_ROW", message: "Someone else changed this row; reload and try again.")
        }
        return AttendanceMark(rowID: rowID, status: next, rowVersion: version, sessionDocumented: documented)
    }

    /// The room's common mark as a transaction of its own, in one round trip, returning what the
    /// room needs back (`GroupSessionMarkReply`): the row as the mark left it, every row's status,
    /// and the group's payer when the organization's payer version is not `knownPayerVersion`.
    /// Nil when it changed nothing: the move was refused, it raced another mark, or the session
    /// was already documented (its event must be published with the mark). The caller then runs
    /// `mark` in a transaction, which says why or publishes.
    public static func markAlone(sessionID: UUID, rowID: UUID, to next: AttendanceStatus, expectedVersion: Int?, by principal: Principal,
                                 knownPayerVersion: Int64? = nil, correlationID: UUID = UUID.random(),
                                 database: Database) async throws -> GroupSessionMarkReply? {
        let statement = AttendanceMarkAloneStatement(mark: AttendanceMarkRequest(sessionID: sessionID, rowID: rowID, next: next,
                                                                                 expectedVersion: expectedVersion, principal: principal,
                                                                                 correlationID: correlationID),
                                                     knownPayerVersion: knownPayerVersion)
        return try GroupSessionMarkReply(lines: try await database.executeAlone(statement))
    }

    /// Throws the refusal a mark gets from the row as it stands: 404 for an unknown session or
    /// row, 409 LOCKED (or, for a forced correction, NOT_LOCKED), STALE_ROW or ILLEGAL_TRANSITION.
    /// Returns the current status when the move is legal.
    @discardableResult
    static func refuseUnlessLegal(sessionID: UUID, rowID: UUID, to next: AttendanceStatus, expectedVersion: Int?, forced: Bool = false,
                                  in tx: TenantTransaction) async throws -> AttendanceStatus {
        // One statement locks the session and reads the row. Every writer of a session's rows
        // takes the session lock first, so it alone serializes marks on that session.
        let found = try await tx.rows("""
            SELECT s.locked_at IS NOT NULL, a.attendance_status, a.row_version
            FROM cl_group_sessions s
            LEFT JOIN cl_group_attendance a ON a.organization_id = s.organization_id AND a.session_id = s.id AND a.id = \(rowID)
            WHERE s.id = \(sessionID)
            FOR UPDATE OF s
            """)
        guard let first = found.first else { throw DomainError.notFound("group session") }
        let (locked, status, rowVersion) = try first.decode((Bool, String?, Int?).self)
        if locked && !forced {
            throw DomainError(.conflict, code: "LOCKED", message: "A claim has been built from this session; attendance changes need a forced correction.")
        }
        guard let rawStatus = status, let version = rowVersion else { throw DomainError.notFound("attendance row") }
        if forced && !locked {
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
        return current
    }

    /// Finalizes when every participant and supervisor row is terminal; otherwise lists the rows
    /// still SCHEDULED and changes nothing.
    public static func finalize(sessionID: UUID, by principal: Principal, in tx: TenantTransaction) async throws -> FinalizeOutcome {
        guard try await !tx.rows("SELECT 1 FROM cl_group_sessions WHERE id = \(sessionID) FOR UPDATE").isEmpty else {
            throw DomainError.notFound("group session")
        }
        let unmarked = try await tx.rows("""
            SELECT id FROM cl_group_attendance WHERE session_id = \(sessionID) AND attendance_status = 'SCHEDULED' ORDER BY id
            """).map { try $0.decode(UUID.self) }
        guard unmarked.isEmpty else { return FinalizeOutcome(finalized: false, unmarkedRowIDs: unmarked) }
        try await tx.query("UPDATE cl_group_sessions SET documentation_status = 'finalized' WHERE id = \(sessionID)")
        try await AuditLog.record(AuditEntry(action: "group-session.finalized", entityType: "group_session", entityID: sessionID.uuidString),
                                  by: principal, in: tx)
        return FinalizeOutcome(finalized: true, unmarkedRowIDs: [])
    }
}
