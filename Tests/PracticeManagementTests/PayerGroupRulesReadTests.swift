import Foundation
import Platform
import PlatformTesting
import PracticeManagement
import Testing

/// The one reader of a payer's supervision rules and group-size bands, as the billing-rules page,
/// a save and the charge build see them.
@Suite("A payer's group rules, read back")
struct PayerGroupRulesReadTests {
    static func band(_ low: Int, _ high: Int, _ cents: Int) -> GroupSizeBand {
        GroupSizeBand(minParticipants: low, maxParticipants: high, unitRateCents: cents)
    }

    @Test("every state with a rule or a band, in state order, bands lowest minimum first whatever order they were saved in")
    func byState() async throws {
        try await TestDatabase.with(migrations: try PracticeManagementAuditTests.migrations()) { db in
            let tenant = try await TestTenant.create("Rules read", permissions: [.patientsRead], database: db.database)
            try await db.database.withTenant(tenant.organizationID) { tx in
                let mercy = try await Payers.create(name: "Mercy Care", payerCode: "MCARE", by: nil, in: tx)
                let other = try await Payers.create(name: "Other Plan", payerCode: "OTHER", by: nil, in: tx)
                // (state, supervision limit, bands in the order saved)
                let saved: [(String, Int?, [GroupSizeBand])] = [
                    ("NM", nil, [Self.band(3, 6, 1_100)]),
                    ("AZ", 3, [Self.band(11, 12, 900), Self.band(2, 5, 1_500), Self.band(7, 10, 1_200)]),
                    ("CA", 9, []),
                ]
                for (state, limit, bands) in saved {
                    _ = try await Payers.replaceGroupRules(payerID: mercy.id, stateCode: state, maxParticipantsPerSupervisor: limit, bands: bands,
                                                           by: nil, in: tx)
                }
                _ = try await Payers.replaceGroupRules(payerID: other.id, stateCode: "AZ", maxParticipantsPerSupervisor: 1,
                                                       bands: [Self.band(1, 20, 1)], by: nil, in: tx)

                let states = try await Payers.groupRulesByState(payerID: mercy.id, in: tx)
                // (state, supervision limit, bands as read)
                let expected: [(String, Int?, [GroupSizeBand])] = [
                    ("AZ", 3, [Self.band(2, 5, 1_500), Self.band(7, 10, 1_200), Self.band(11, 12, 900)]),
                    ("CA", 9, []),
                    ("NM", nil, [Self.band(3, 6, 1_100)]),
                ]
                #expect(states.map(\.stateCode) == expected.map(\.0))
                for (read, (state, limit, bands)) in zip(states, expected) {
                    #expect(read.rules == PayerGroupRules(payerID: mercy.id, payerName: "Mercy Care",
                                                          supervision: limit.map(SupervisionRule.init(maxParticipantsPerSupervisor:)), bands: bands),
                            "state \(state)")
                    // The one-state read is the same read.
                    #expect(try await Payers.groupRules(payerID: mercy.id, payerName: "Mercy Care", stateCode: state, in: tx) == read.rules)
                }
                let none = try await Payers.groupRules(payerID: mercy.id, payerName: "Mercy Care", stateCode: "TX", in: tx)
                #expect(none.supervision == nil && none.bands.isEmpty)
            }
        }
    }
}
