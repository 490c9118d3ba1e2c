import Foundation
import PostgresNIO
import Platform

/// A mark in one statement: lock the session, move the row, write the audit entry. It changes
/// nothing (and returns no row) unless the session exists and is not locked, the row is in it,
/// the version matches when one was sent, and the row's status is one `next` may be reached
/// from. `Attendance.mark` then reads the row again under the lock to say which it was.
struct AttendanceMarkStatement: PostgresPreparedStatement {
    // Every data-modifying CTE sees the snapshot the statement started with, so `before` may
    // predate a mark that committed while this statement waited for the session lock. The
    // UPDATE re-checks the row it changes against its newest version, and `row_version` (which
    // every mark bumps) must still be the one `before` read: otherwise nothing changes and the
    // caller re-reads under the lock. So the audit entry's `before` is always the status replaced.
    //
    // The audit row is the one `AuditLog.record` writes for `attendance.marked` (same columns,
    // same details), inserted here to save its round trip.
    static let sql = """
        WITH session AS (
            SELECT organization_id, id, documented_at IS NOT NULL AS documented FROM cl_group_sessions WHERE id = $1 AND locked_at IS NULL FOR UPDATE
        ), before AS (
            SELECT a.organization_id, a.id, a.attendance_status, a.row_version
            FROM session s JOIN cl_group_attendance a ON a.organization_id = s.organization_id AND a.session_id = s.id AND a.id = $2
        ), changed AS (
            UPDATE cl_group_attendance a
            SET attendance_status = $3, row_version = a.row_version + 1, updated_at = now(), updated_by = $4
            FROM before b
            WHERE a.organization_id = b.organization_id AND a.id = b.id AND a.row_version = b.row_version
              AND ($5::int8 IS NULL OR a.row_version = $5) AND a.attendance_status = ANY($6)
            RETURNING a.organization_id, b.attendance_status AS before_status, a.row_version
        ), audited AS (
            INSERT INTO pf_audit_log (organization_id, actor_user_id, actor_token_id, action, entity_type, entity_id, correlation_id, details)
            SELECT c.organization_id, $4, $7, 'attendance.marked', 'group_attendance', $8, $9,
                   jsonb_build_object('before', c.before_status, 'after', $3, 'session_id', $10)
            FROM changed c
        )
        SELECT c.row_version, s.documented FROM changed c, session s
        """
    static let bindingDataTypes: [PostgresDataType] = [.uuid, .uuid, .text, .uuid, .int8, .textArray, .uuid, .text, .uuid, .text]
    /// The row's new version, and whether the session was already documented (its charges then need a rebuild).
    typealias Row = (Int, Bool)

    let sessionID: UUID
    let rowID: UUID
    let next: AttendanceStatus
    let expectedVersion: Int?
    let principal: Principal
    let correlationID: UUID

    func makeBindings() -> PostgresBindings {
        var bindings = PostgresBindings(capacity: 10)
        bindings.append(sessionID)
        bindings.append(rowID)
        bindings.append(next.rawValue)
        bindings.append(principal.userID)
        bindings.append(expectedVersion)
        // The state machine stays in Swift: the statuses from which `next` is a legal move.
        bindings.append(AttendanceStatus.allCases.filter { $0.canTransition(to: next) }.map(\.rawValue))
        bindings.append(principal.tokenID)
        bindings.append(rowID.uuidString)
        bindings.append(correlationID)
        bindings.append(sessionID.uuidString)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> (Int, Bool) { try row.decode((Int, Bool).self) }
}
