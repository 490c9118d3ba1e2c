public import Foundation
import PostgresNIO

/// A group session as its detail and live billing preview need it, read in one round trip:
/// the header, every attendance row with its display name, and the group's primary payer with
/// that payer's rules in the facility's state. The read joins Clinical's sessions with Practice
/// Management's patients and coverage, so it is owned here, in the integration layer; the
/// names follow `PeopleLookup`'s rules. Clinical's detail and PracticeManagement's claim scrubber
/// both read a session here, so the scrubber judges the roster and payer the room saw.
public struct GroupSessionReadModel: Sendable {
    public struct Header: Sendable, Equatable {
        public let scheduleID: UUID?
        public let stateCode: String
        public let timeZone: String
        public let siteID: UUID
        public let location: String?
        public let topic: String?
        public let durationMinutes: Int
        public let sessionDate: String
        public let startTime: String
        public let endTime: String
        public let facilityID: UUID
        public let facilityName: String
        public let groupType: String
        public let documentationStatus: String
        public let locked: Bool
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

    public let header: Header
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
        // One line per attendance row (one line with no row for an empty roster). The header and
        // payer columns repeat on every line, which costs less than a second round trip; they
        // are decoded from the first line only.
        let lines = try await tx.execute(Statement(sessionID: sessionID))
        guard let first = lines.first?.makeRandomAccess() else { return nil }
        return GroupSessionReadModel(header: try header(first), rows: try lines.compactMap { try row($0.makeRandomAccess()) },
                                     payer: try payer(first))
    }

    static func header(_ cells: PostgresRandomAccessRow) throws -> Header {
        Header(scheduleID: try cells[0].decode(UUID?.self), stateCode: try cells[1].decode(String.self), timeZone: try cells[2].decode(String.self),
               siteID: try cells[3].decode(UUID.self), location: try cells[4].decode(String?.self), topic: try cells[5].decode(String?.self),
               durationMinutes: try cells[6].decode(Int.self), sessionDate: try cells[7].decode(String.self), startTime: try cells[8].decode(String.self),
               endTime: try cells[9].decode(String.self), facilityID: try cells[10].decode(UUID.self), facilityName: try cells[11].decode(String.self),
               groupType: try cells[12].decode(String.self), documentationStatus: try cells[13].decode(String.self), locked: try cells[14].decode(Bool.self))
    }

    static func payer(_ cells: PostgresRandomAccessRow) throws -> PayerGroupRules? {
        guard let payerID = try cells[15].decode(UUID?.self) else { return nil }
        let (lows, highs, rates) = (try cells[18].decode([Int].self), try cells[19].decode([Int].self), try cells[20].decode([Int].self))
        return PayerGroupRules(
            payerID: payerID.uuidString.lowercased(), payerName: try cells[16].decode(String.self),
            supervision: try cells[17].decode(Int?.self).map(SupervisionRule.init(maxParticipantsPerSupervisor:)),
            bands: lows.indices.map { GroupSizeBand(minParticipants: lows[$0], maxParticipants: highs[$0], unitRateCents: rates[$0]) })
    }

    static func row(_ cells: PostgresRandomAccessRow) throws -> Row? {
        guard let id = try cells[21].decode(UUID?.self) else { return nil }
        return Row(id: id, patientID: try cells[22].decode(UUID?.self), supervisorUserID: try cells[23].decode(UUID?.self),
                   status: AttendanceStatus(rawValue: try cells[24].decode(String.self)) ?? .scheduled,
                   participationLevel: try cells[25].decode(String?.self), rowVersion: try cells[26].decode(Int.self),
                   displayName: try cells[27].decode(String?.self))
    }

    struct Statement: PostgresPreparedStatement {
        static let sql = """
            WITH session AS (
                SELECT s.organization_id, s.id, s.session_date, f.state_code, s.schedule_id, f.time_zone, f.site_id, s.location, s.topic,
                       (EXTRACT(EPOCH FROM (s.actual_end_time - s.actual_start_time)) / 60)::int AS duration_minutes,
                       to_char(s.session_date, 'YYYY-MM-DD') AS date_text, to_char(s.actual_start_time, 'HH24:MI') AS start_text,
                       to_char(s.actual_end_time, 'HH24:MI') AS end_text, s.facility_id, f.name AS facility_name, s.group_type,
                       s.documentation_status, s.locked_at IS NOT NULL AS locked
                FROM cl_group_sessions s JOIN pf_facilities f ON f.organization_id = s.organization_id AND f.id = s.facility_id
                WHERE s.id = $1
            ), roster AS (
                SELECT a.id, a.patient_id, a.supervisor_user_id, a.attendance_status, a.participation_level, a.row_version,
                       coalesce(p.given_name || ' ' || p.family_name, u.display_name) AS display_name
                FROM session s
                JOIN cl_group_attendance a ON a.organization_id = s.organization_id AND a.session_id = s.id
                LEFT JOIN pm_patients p ON p.organization_id = a.organization_id AND p.id = a.patient_id
                LEFT JOIN pf_memberships m ON m.organization_id = a.organization_id AND m.user_id = a.supervisor_user_id
                LEFT JOIN pf_users u ON u.id = m.user_id
            ), payer AS (
                SELECT py.id, py.name
                FROM session s
                JOIN pm_coverages c ON c.organization_id = s.organization_id AND c.active AND c.priority = 1
                     AND c.effective_from <= s.session_date AND (c.effective_to IS NULL OR c.effective_to >= s.session_date)
                JOIN pm_payers py ON py.organization_id = c.organization_id AND py.id = c.payer_id
                WHERE c.patient_id IN (SELECT r.patient_id FROM roster r WHERE r.patient_id IS NOT NULL)
                GROUP BY py.id, py.name ORDER BY count(DISTINCT c.patient_id) DESC, py.name LIMIT 1
            ), rules AS (
                SELECT py.id AS payer_id, py.name AS payer_name,
                       (SELECT r.max_participants_per_supervisor FROM pm_supervision_rules r
                        WHERE r.payer_id = py.id AND r.state_code = s.state_code) AS supervision,
                       b.lows, b.highs, b.rates
                FROM payer py CROSS JOIN session s
                CROSS JOIN LATERAL (
                    SELECT coalesce(array_agg(g.min_participants ORDER BY g.min_participants, g.id), '{}') AS lows,
                           coalesce(array_agg(g.max_participants ORDER BY g.min_participants, g.id), '{}') AS highs,
                           coalesce(array_agg(g.unit_rate_cents ORDER BY g.min_participants, g.id), '{}') AS rates
                    FROM pm_group_size_bands g WHERE g.payer_id = py.id AND g.state_code = s.state_code) AS b
            )
            SELECT s.schedule_id, s.state_code, s.time_zone, s.site_id, s.location, s.topic, s.duration_minutes, s.date_text, s.start_text,
                   s.end_text, s.facility_id, s.facility_name, s.group_type, s.documentation_status, s.locked,
                   r.payer_id, r.payer_name, r.supervision, r.lows, r.highs, r.rates,
                   a.id, a.patient_id, a.supervisor_user_id, a.attendance_status, a.participation_level, a.row_version, a.display_name
            FROM session s LEFT JOIN rules r ON true LEFT JOIN roster a ON true
            """
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
