public import Foundation
public import PostgresNIO

/// What a one-round-trip mark returns instead of the whole session (`cl_mark_attendance_reply`,
/// Clinical migrations 0905 and 0907): the marked row as the mark left it, every
/// row's status, the session's length and site, and the organization's group payer version, with
/// the group's payer and its rules only when the caller did not know that version. Enough for
/// the row and the live billing preview the room shows, computed by the same rule as the detail's.
public struct GroupSessionMarkReply: Sendable, Equatable {
    /// The group's payer as the reply carries it.
    public enum Payer: Sendable, Equatable {
        /// The version was the caller's: its kept payer still applies.
        case unchanged
        /// Read again: the payer with its rules, or nil when no participant is covered.
        case read(PayerGroupRules?)
    }

    public let siteID: UUID
    public let durationMinutes: Int
    /// Every roster and supervisor row as the billing helpers see it.
    public let participants: [GroupParticipant]
    public let payerVersion: Int64
    public let payer: Payer
    public let row: GroupSessionReadModel.Row

    /// Decodes the reply's one line; nil when there is none (the mark changed nothing).
    public init?(lines: [PostgresRow]) throws {
        guard let cells = lines.first?.makeRandomAccess() else { return nil }
        siteID = try cells[0].decode(UUID.self)
        durationMinutes = try cells[1].decode(Int.self)
        let statuses = { (column: Int) throws -> [AttendanceStatus] in
            try cells[column].decode([String].self).map { AttendanceStatus(rawValue: $0) ?? .scheduled }
        }
        participants = try statuses(2).map { GroupParticipant(status: $0) } + statuses(3).map { GroupParticipant(status: $0, isSupervisor: true) }
        payerVersion = try cells[4].decode(Int64.self)
        payer = try cells[5].decode(Bool.self) ? .read(try GroupSessionReadModel.payer(cells, from: 6)) : .unchanged
        guard let row = try GroupSessionReadModel.row(cells, from: 12) else { return nil }
        self.row = row
    }
}
