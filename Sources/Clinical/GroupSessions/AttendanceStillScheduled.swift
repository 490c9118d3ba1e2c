public import Foundation
import PostgresNIO
public import Platform

extension Attendance {
    /// The rows of a session still SCHEDULED (participants and supervisors), with their
    /// versions: what "mark everyone still scheduled as absent" changes at the session's close.
    public static func stillScheduled(sessionID: UUID, in tx: TenantTransaction) async throws -> [(rowID: UUID, rowVersion: Int)] {
        try await tx.rows("""
            SELECT id, row_version FROM cl_group_attendance WHERE session_id = \(sessionID) AND attendance_status = 'SCHEDULED' ORDER BY id
            """).map { try $0.decode((UUID, Int).self) }.map { (rowID: $0.0, rowVersion: $0.1) }
    }
}
