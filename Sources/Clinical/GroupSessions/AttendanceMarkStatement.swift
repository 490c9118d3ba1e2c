import Foundation
import PostgresNIO
import Platform

/// What a mark asks of `cl_mark_attendance_row` (migration 0206), whichever way it runs.
struct AttendanceMarkRequest: Sendable {
    let sessionID: UUID
    let rowID: UUID
    let next: AttendanceStatus
    let expectedVersion: Int?
    let principal: Principal
    let correlationID: UUID

    /// The session, row, status, actor, version, legal sources and token, in the function's order.
    func bind(_ bindings: inout PostgresBindings) {
        bindings.append(sessionID)
        bindings.append(rowID)
        bindings.append(next.rawValue)
        bindings.append(principal.userID)
        bindings.append(expectedVersion)
        // The state machine stays in Swift: the statuses from which `next` is a legal move.
        bindings.append(AttendanceStatus.allCases.filter { $0.canTransition(to: next) }.map(\.rawValue))
        bindings.append(principal.tokenID)
    }
}

/// A mark in one statement inside the caller's transaction: `cl_mark_attendance_row` locks the
/// session, moves the row and writes the audit entry. It changes nothing (and returns no row)
/// unless the session exists and is not locked, the row is in it, the version matches when one
/// was sent, and the row's status is one `next` may be reached from. `Attendance.mark` then
/// reads the row again under the lock to say which it was.
struct AttendanceMarkStatement: PostgresPreparedStatement {
    static let sql = "SELECT new_row_version, session_documented FROM cl_mark_attendance_row($1, $2, $3, $4, $5, $6, $7, $8, false)"
    static let bindingDataTypes: [PostgresDataType] = [.uuid, .uuid, .text, .uuid, .int8, .textArray, .uuid, .uuid]
    /// The row's new version, and whether the session was already documented (its charges then need a rebuild).
    typealias Row = (Int, Bool)

    let mark: AttendanceMarkRequest

    func makeBindings() -> PostgresBindings {
        var bindings = PostgresBindings(capacity: 8)
        mark.bind(&bindings)
        bindings.append(mark.correlationID)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> (Int, Bool) { try row.decode((Int, Bool).self) }
}

/// A mark that is a transaction of its own, with what the room needs back:
/// `cl_mark_attendance_reply` (migration 0905) enters the tenant, marks (only a session never
/// documented) and returns the line `GroupSessionMarkReply` decodes, with the group's payer only
/// when `knownPayerVersion` is not the organization's. No line means nothing changed.
struct AttendanceMarkAloneStatement: PostgresPreparedStatement {
    static let sql = "SELECT * FROM cl_mark_attendance_reply($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"
    static let bindingDataTypes: [PostgresDataType] = [.uuid, .uuid, .uuid, .uuid, .text, .uuid, .int8, .textArray, .uuid, .int8]
    typealias Row = PostgresRow

    let mark: AttendanceMarkRequest
    let knownPayerVersion: Int64?

    func makeBindings() -> PostgresBindings {
        var bindings = PostgresBindings(capacity: 10)
        bindings.append(mark.principal.organizationID)
        bindings.append(mark.correlationID)
        mark.bind(&bindings)
        bindings.append(knownPayerVersion)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) -> PostgresRow { row }
}
