public import Foundation
public import PostgresNIO

/// A group session as its detail and live billing preview need it, read in one round trip
/// (`pf_group_session_read_model`, migrations 0902 and 0904): the header, every attendance row with its
/// display name, and the group's primary payer with that payer's rules in the facility's state.
/// The read joins Clinical's sessions with Practice Management's patients and coverage, so it is
/// owned here, in the integration layer; the names follow `PeopleLookup`'s rules. Clinical's
/// detail and PracticeManagement's claim scrubber both read a session here, so the scrubber
/// judges the roster and payer the room saw; a one-round-trip mark returns the same lines.
public struct GroupSessionReadModel: Sendable, Equatable {
    /// Where the session ran, as its rules and page need it: the facility's name, state and time
    /// zone, and the site whose jurisdiction profile applies.
    public struct Facility: Sendable, Equatable {
        public let name: String
        public let stateCode: String
        public let timeZone: String
        public let siteID: UUID
    }

    /// One attendance row; `displayName` is nil when the patient or staff member is not visible
    /// in this organization.
    public struct Row: Sendable, Equatable {
        public let id: UUID
        public let patientID: UUID?
        public let supervisorUserID: UUID?
        public let status: AttendanceStatus
        public let participationLevel: String?
        public let rowVersion: Int
        public let displayName: String?
    }

    public let header: GroupSessionHeader
    public let facility: Facility
    public let location: String?
    public let topic: String?
    public let documentationStatus: String
    public let locked: Bool
    public let rows: [Row]
    /// The payer covering the most participants and its rules in the facility's state; nil
    /// when no participant has primary coverage on the session's date.
    public let payer: PayerGroupRules?

    /// Every roster and supervisor row as the billing helpers see it.
    public var participants: [GroupParticipant] {
        rows.map { GroupParticipant(status: $0.status, isSupervisor: $0.supervisorUserID != nil) }
    }

    /// The session, or nil when it does not exist in this organization.
    public static func load(sessionID: UUID, in tx: TenantTransaction) async throws -> GroupSessionReadModel? {
        try GroupSessionReadModel(sessionID: sessionID, lines: try await tx.execute(Statement(sessionID: sessionID)))
    }

    /// Decodes the lines of `pf_group_session_read_model` (or of a database function that returns
    /// them); nil when there are none. One line per attendance row (one line with no row for an
    /// empty roster); the header and payer columns repeat on every line, which costs less than a
    /// second round trip, and are decoded from the first line only.
    public init?(sessionID: UUID, lines: [PostgresRow]) throws {
        guard let cells = lines.first?.makeRandomAccess() else { return nil }
        header = GroupSessionHeader(
            id: sessionID, scheduleID: try cells[0].decode(UUID?.self), sessionDate: try ServiceDate(stored: try cells[7].decode(String.self)),
            startTime: try cells[8].decode(String.self), endTime: try cells[9].decode(String.self), durationMinutes: try cells[6].decode(Int.self),
            facilityID: try cells[10].decode(UUID.self), groupType: try cells[12].decode(String.self))
        facility = Facility(name: try cells[11].decode(String.self), stateCode: try cells[1].decode(String.self),
                            timeZone: try cells[2].decode(String.self), siteID: try cells[3].decode(UUID.self))
        location = try cells[4].decode(String?.self)
        topic = try cells[5].decode(String?.self)
        documentationStatus = try cells[13].decode(String.self)
        locked = try cells[14].decode(Bool.self)
        rows = try lines.compactMap { try Self.row($0.makeRandomAccess(), from: 21) }
        payer = try Self.payer(cells, from: 15)
    }

    /// The payer's six columns from `first` on (id, name, supervision, band lows, highs, rates),
    /// as both this read model and a mark's reply (`GroupSessionMarkReply`) return them.
    static func payer(_ cells: PostgresRandomAccessRow, from first: Int) throws -> PayerGroupRules? {
        guard let payerID = try cells[first].decode(UUID?.self) else { return nil }
        let (lows, highs, rates) = (try cells[first + 3].decode([Int].self), try cells[first + 4].decode([Int].self),
                                    try cells[first + 5].decode([Int].self))
        return PayerGroupRules(
            payerID: payerID, payerName: try cells[first + 1].decode(String.self),
            supervision: try cells[first + 2].decode(Int?.self).map(SupervisionRule.init(maxParticipantsPerSupervisor:)),
            bands: lows.indices.map { GroupSizeBand(minParticipants: lows[$0], maxParticipants: highs[$0], unitRateCents: rates[$0]) })
    }

    /// An attendance row's seven columns from `first` on (id, patient, supervisor, status,
    /// participation, version, display name); nil when the id is null (an empty roster's line).
    static func row(_ cells: PostgresRandomAccessRow, from first: Int) throws -> Row? {
        guard let id = try cells[first].decode(UUID?.self) else { return nil }
        return Row(id: id, patientID: try cells[first + 1].decode(UUID?.self), supervisorUserID: try cells[first + 2].decode(UUID?.self),
                   status: AttendanceStatus(rawValue: try cells[first + 3].decode(String.self)) ?? .scheduled,
                   participationLevel: try cells[first + 4].decode(String?.self), rowVersion: try cells[first + 5].decode(Int.self),
                   displayName: try cells[first + 6].decode(String?.self))
    }

    struct Statement: PostgresPreparedStatement {
        static let sql = "SELECT * FROM pf_group_session_read_model($1)"
        static let bindingDataTypes: [PostgresDataType] = [.uuid]

        let sessionID: UUID

        func makeBindings() -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 1)
            bindings.append(sessionID)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) -> PostgresRow { row }
    }
}
