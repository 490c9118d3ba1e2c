import Clinical
import Foundation
import Platform
import PlatformTesting
import PracticeManagement
import Testing

/// Issue 5: "a claim raises no group-billing issue that the preview did not show". Over varied
/// sessions, the group-billing codes the scrubber stores for a session equal the codes Clinical's
/// session detail (the live preview) shows for it.
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
            let session = try await f.session(roster, supervisors: scenario.supervisors)
            for (patient, status) in roster where status.isBillable {
                try await f.charge(session: session, patient: patient, payer: f.payerID)
            }
            // MUT
            let built = try await f.tx { tx in try await Claims.create(scope: .groupSession(session), jurisdictions: f.resolver, by: f.principal, in: tx) }
            let preview = try await f.tx { tx in try await GroupSessions.detail(session, jurisdictions: f.resolver, in: tx).preview }
            // validate: every claim of the session stores the same set, and it is the preview's.
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
