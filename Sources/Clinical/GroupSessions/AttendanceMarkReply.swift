public import Foundation
public import Platform

/// What the room shows after a mark: the row as the mark left it and the session's live billing
/// preview, with the program's label. The API's mark returns exactly this, whichever way the mark ran.
public struct AttendanceMarkReply: Sendable {
    public let row: AttendanceRow
    public let preview: GroupBillingPreview
    public let programLabel: String

    public init(row: AttendanceRow, preview: GroupBillingPreview, programLabel: String) {
        self.row = row
        self.preview = preview
        self.programLabel = programLabel
    }
}

extension GroupSessions {
    /// The reply from a one-round-trip mark's line, the group's payer and the site's rules: the
    /// same row shape and the same preview rule (`previewGroupBilling` over every row's status) as
    /// the session's detail, so the room sees what a full read would show.
    public static func markReply(_ reply: GroupSessionMarkReply, payer: PayerGroupRules?, jurisdiction: ResolvedJurisdiction) -> AttendanceMarkReply {
        AttendanceMarkReply(row: attendanceRow(reply.row),
                            preview: billingPreview(reply.participants, payer: payer, durationMinutes: reply.durationMinutes, jurisdiction: jurisdiction),
                            programLabel: jurisdiction.displayName)
    }

    /// The reply for a row from the session's full detail (the transactional path's read).
    public static func markReply(rowID: UUID, in detail: GroupSessionDetail) throws -> AttendanceMarkReply {
        guard let row = (detail.roster + detail.supervisors).first(where: { $0.id == rowID }) else { throw DomainError.notFound("attendance row") }
        return AttendanceMarkReply(row: row, preview: detail.preview, programLabel: detail.programLabel)
    }
}
