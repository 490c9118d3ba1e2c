import Clinical
import Foundation
import Platform
import PlatformTesting
import PracticeManagement
import Testing

/// Issue 5: "a claim raises no group-billing issue that the preview did not show". Over varied
/// sessions, the group-billing codes the scrubber stores for a session equal the codes Clinical's
/// session detail (the live preview) shows for it, and the preview a mark's reply gives the room
/// (from the reply's statuses and the payer read by the first mark, then kept) is the detail's.
@Suite("Scrubber and live preview agree")
struct ScrubberPreviewParityTests {
    /// A roster (status per member; `covered` false means no coverage), supervisors, and the codes both must show.
    struct Scenario: Sendable, CustomStringConvertible {
        let name: String
        let roster: [AttendanceStatus]
        let supervisors: [AttendanceStatus]
        let covered: Bool
        let expected: Set<String>
        var description: String { name }
    }

    static let scenarios: [Scenario] = [
        Scenario(name: "small group, supervised", roster: [.attended, .attended, .absent], supervisors: [.attended], covered: true, expected: []),
        Scenario(name: "four: over the ratio and in the band gap", roster: [.attended, .attended, .late, .attended], supervisors: [.attended],
                 covered: true, expected: ["SUPERVISION_RATIO_BREACH", "GROUP_SIZE_BAND_MISMATCH"]),
        Scenario(name: "six with two supervisors: exact band, within ratio", roster: [.attended, .attended, .attended, .late, .late, .attended],
                 supervisors: [.attended, .late], covered: true, expected: []),
        Scenario(name: "supervisor absent and a row unmarked", roster: [.attended, .attended, .scheduled], supervisors: [.absent],
                 covered: true, expected: ["GROUP_UNATTENDED_BILLED", "SUPERVISION_RATIO_BREACH"]),
        Scenario(name: "nine with three supervisors: above the top band", roster: Array(repeating: .attended, count: 9),
                 supervisors: [.attended, .attended, .attended], covered: true, expected: ["GROUP_SIZE_BAND_MISMATCH"]),
        Scenario(name: "no supervisor at all", roster: [.late, .attended], supervisors: [], covered: true, expected: ["SUPERVISION_RATIO_BREACH"]),
        Scenario(name: "one attended: below the smallest band, not billable as a group", roster: [.attended, .absent, .absent],
                 supervisors: [.attended], covered: true, expected: ["GROUP_BELOW_SMALLEST_BAND"]),
        Scenario(name: "no coverage: payer checks skipped", roster: [.attended, .attended, .attended, .attended, .scheduled], supervisors: [],
                 covered: false, expected: ["GROUP_UNATTENDED_BILLED"]),
    ]

    @Test("the scrubber stores exactly the preview's group-billing warnings", arguments: scenarios)
    func parity(_ scenario: Scenario) async throws {
        try await TestDatabase.with(migrations: try ClaimFixture.migrations()) { db in
            // setup
            let f = try await ClaimFixture.make(db)
            var roster: [(UUID, AttendanceStatus)] = []
            for (index, status) in scenario.roster.enumerated() {
                roster.append((try await f.patient("P\(index)", covered: scenario.covered), status))
            }
            // The first member is marked in the room: still scheduled when the session is made.
            let first = roster[0].0
            let session = try await f.session([(first, .scheduled)] + roster.dropFirst(), supervisors: scenario.supervisors)
            let firstRow = try await f.tx { tx in
                try await tx.rows("SELECT id FROM cl_group_attendance WHERE session_id = \(session) AND patient_id = \(first)").first!.decode(UUID.self)
            }
            for (patient, status) in roster where status.isBillable {
                try await f.charge(session: session, patient: patient, payer: f.payerID)
            }
            // MUT: two one-round-trip marks as the room makes them, the first reading the payer, the
            // second sent with the version the first returned and so using the payer already read
            // (what the server's GroupPayerCache does); then the claim and the detail.
            var kept: (version: Int64, payer: PayerGroupRules?)?
            var marked: AttendanceMarkReply?
            for next in [AttendanceStatus.absent, roster[0].1] {
                let reply = try #require(try await Attendance.markAlone(sessionID: session, rowID: firstRow, to: next, expectedVersion: nil,
                                                                       by: f.principal, knownPayerVersion: kept?.version, database: f.db.database))
                #expect((reply.payer == .unchanged) == (kept != nil), "the second mark uses the kept payer")
                let payer: PayerGroupRules?
                switch reply.payer {
                case .read(let read): (payer, kept) = (read, (reply.payerVersion, read))
                case .unchanged: payer = try #require(kept).payer
                }
                let jurisdiction = await f.resolver.resolve(siteID: reply.siteID, organizationID: f.tenant.organizationID, database: f.db.database)
                marked = GroupSessions.markReply(reply, payer: payer, jurisdiction: jurisdiction)
            }
            let built = try await f.tx { tx in try await Claims.create(scope: .groupSession(session), jurisdictions: f.resolver, by: f.principal, in: tx) }
            let detail = try await f.tx { tx in try await GroupSessions.detail(session, jurisdictions: f.resolver, in: tx) }
            let preview = detail.preview
            // validate: the room's preview after the mark is the detail's, every claim of the
            // session stores the same set, and it is the preview's.
            #expect(marked?.preview == preview)
            #expect(marked?.row == detail.roster.first { $0.id == firstRow })
            #expect(marked?.programLabel == detail.programLabel)
            let shown = Set(preview.warnings.map(\.code.rawValue))
            #expect(shown == scenario.expected, "the scenario should exercise these codes")
            #expect(!built.claims.isEmpty)
            for claim in built.claims {
                let stored = try await f.tx { tx in try await Claims.find(claim.claim.id, in: tx) }.validations
                    .filter { $0.groupSessionID == session && $0.severity == .warning }
                #expect(Set(stored.map(\.code)) == shown, "claim \(claim.claim.claimNumber)")
            }
        }
    }
}
