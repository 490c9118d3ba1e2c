import Foundation
import Platform
import PlatformTesting
import PracticeManagement
import Testing

/// Arizona parity (PF-96): an organization with no profile and one with the Arizona profile must
/// bill exactly like the legacy AHCCCS constants. Expected values are written by hand from the
/// 8/15 rule and the legacy modifier table; rates come from `testFeeSchedule`.
@Suite("Arizona parity")
struct ArizonaParityTests {
    struct Row: Sendable, CustomTestStringConvertible {
        var service: String
        var minutes: Int
        var facts: EncounterFacts
        var code: String?
        var units: Int?
        var modifiers: [String]
        var amountCents: Int?

        var testDescription: String { "\(service) \(minutes) min → \(code ?? "-") ×\(units ?? 0) \(modifiers)" }
    }

    static let rows: [Row] = [
        Row(service: "individual_counseling", minutes: -10, facts: .init(), code: "H0004", units: nil, modifiers: [], amountCents: nil),
        Row(service: "individual_counseling", minutes: 0, facts: .init(), code: "H0004", units: nil, modifiers: [], amountCents: nil),
        Row(service: "individual_counseling", minutes: 7, facts: .init(), code: "H0004", units: nil, modifiers: [], amountCents: nil),
        Row(service: "individual_counseling", minutes: 8, facts: .init(), code: "H0004", units: 1, modifiers: [], amountCents: 2_918),
        Row(service: "individual_counseling", minutes: 22, facts: .init(), code: "H0004", units: 1, modifiers: [], amountCents: 2_918),
        Row(service: "individual_counseling", minutes: 23, facts: .init(), code: "H0004", units: 2, modifiers: [], amountCents: 5_836),
        Row(service: "individual_counseling", minutes: 37, facts: .init(), code: "H0004", units: 2, modifiers: [], amountCents: 5_836),
        Row(service: "individual_counseling", minutes: 38, facts: .init(), code: "H0004", units: 3, modifiers: [], amountCents: 8_754),
        Row(service: "individual_counseling", minutes: 52, facts: .init(), code: "H0004", units: 3, modifiers: [], amountCents: 8_754),
        Row(service: "individual_counseling", minutes: 53, facts: .init(), code: "H0004", units: 4, modifiers: [], amountCents: 11_672),
        Row(service: "group_counseling", minutes: 60, facts: .init(isGroup: true), code: "H0005", units: 4, modifiers: ["HQ"], amountCents: 4_408),
        Row(service: "group_counseling", minutes: 90, facts: .init(isGroup: true, isCourtOrdered: true), code: "H0005", units: 6, modifiers: ["HQ", "H9"], amountCents: 6_612),
        Row(service: "group_counseling", minutes: 45, facts: .init(isGroup: true, telehealth: .audioVideo), code: "H0005", units: 3, modifiers: ["HQ", "95"], amountCents: 3_306),
        Row(service: "group_counseling", minutes: 22, facts: .init(isGroup: true, autoApplyUB: true), code: "H0005", units: 1, modifiers: ["HQ", "UB"], amountCents: 1_102),
        Row(service: "group_counseling", minutes: 7, facts: .init(isGroup: true), code: "H0005", units: nil, modifiers: ["HQ"], amountCents: nil),
        Row(service: "family_counseling", minutes: 50, facts: .init(isFamily: true, patientPresent: true), code: "H0004", units: 3, modifiers: ["HR"], amountCents: 8_754),
        Row(service: "family_counseling", minutes: 50, facts: .init(isFamily: true, patientPresent: nil), code: "H0004", units: 3, modifiers: ["HR"], amountCents: 8_754),
        Row(service: "family_counseling", minutes: 50, facts: .init(isFamily: true, patientPresent: false), code: "H0004", units: 3, modifiers: ["HS"], amountCents: 8_754),
        Row(service: "family_counseling", minutes: 30, facts: .init(isFamily: true, patientPresent: false, telehealth: .audioOnly), code: "H0004", units: 2, modifiers: ["HS", "FQ"], amountCents: 5_836),
        Row(service: "family_counseling", minutes: 75, facts: .init(isFamily: true, patientPresent: true, telehealth: .audioVideo, isCourtOrdered: true), code: "H0004", units: 5, modifiers: ["HR", "95", "H9"], amountCents: 14_590),
        Row(service: "individual_counseling", minutes: 30, facts: .init(telehealth: .audioVideo), code: "H0004", units: 2, modifiers: ["95"], amountCents: 5_836),
        Row(service: "individual_counseling", minutes: 30, facts: .init(telehealth: .audioOnly), code: "H0004", units: 2, modifiers: ["FQ"], amountCents: 5_836),
        Row(service: "individual_counseling", minutes: 30, facts: .init(telehealth: .storeForward), code: "H0004", units: 2, modifiers: ["GQ"], amountCents: 5_836),
        Row(service: "individual_counseling", minutes: 15, facts: .init(isCourtOrdered: true), code: "H0004", units: 1, modifiers: ["H9"], amountCents: 2_918),
        Row(service: "individual_counseling", minutes: 45, facts: .init(autoApplyU7: true), code: "H0004", units: 3, modifiers: ["U7"], amountCents: 8_754),
        Row(service: "individual_counseling", minutes: 45, facts: .init(autoApplyUB: true), code: "H0004", units: 3, modifiers: ["UB"], amountCents: 8_754),
        Row(service: "individual_counseling", minutes: 45, facts: .init(autoApplyU7: true, autoApplyUB: true), code: "H0004", units: 3, modifiers: ["U7", "UB"], amountCents: 8_754),
        Row(service: "peer_support", minutes: 60, facts: .init(isFamilySupportPartner: true), code: "H0038", units: 4, modifiers: ["CG"], amountCents: 6_600),
        Row(service: "peer_support", minutes: 23, facts: .init(isFamilySupportPartner: true, autoApplyU7: true), code: "H0038", units: 2, modifiers: ["CG", "U7"], amountCents: 3_300),
        Row(service: "peer_support", minutes: 8, facts: .init(telehealth: .audioOnly), code: "H0038", units: 1, modifiers: ["FQ"], amountCents: 1_650),
        Row(service: "case_management", minutes: 67, facts: .init(), code: "T1016", units: 4, modifiers: [], amountCents: 8_040),
        Row(service: "case_management", minutes: 68, facts: .init(), code: "T1016", units: 5, modifiers: [], amountCents: 10_050),
        Row(service: "case_management", minutes: 120, facts: .init(), code: "T1016", units: 8, modifiers: [], amountCents: 16_080),
        Row(
            service: "individual_counseling", minutes: 38,
            facts: .init(isGroup: true, isFamily: true, patientPresent: false, telehealth: .storeForward,
                         isCourtOrdered: true, isFamilySupportPartner: true, autoApplyU7: true, autoApplyUB: true),
            code: "H0004", units: 3, modifiers: ["HQ", "HS", "GQ", "H9", "CG", "U7", "UB"], amountCents: 8_754
        ),
        Row(service: "unknown_service", minutes: 30, facts: .init(isGroup: true), code: nil, units: 2, modifiers: ["HQ"], amountCents: nil),
    ]

    /// No profile, the Arizona profile on the organization, and the Arizona profile on a site whose
    /// organization uses California: all three must bill identically.
    static let engines: [(name: String, engine: BillingRulesEngine)] = [
        ("no profile", BillingRulesEngine(
            jurisdiction: resolveJurisdictionProfile(siteProfile: nil, organizationProfile: nil),
            feeSchedule: testFeeSchedule)),
        ("Arizona organization", BillingRulesEngine(
            jurisdiction: resolveJurisdictionProfile(siteProfile: nil, organizationProfile: arizonaProfile),
            feeSchedule: testFeeSchedule)),
        ("Arizona site", BillingRulesEngine(
            jurisdiction: resolveJurisdictionProfile(
                siteProfile: SiteJurisdictionProfile(siteID: "phx-1", profile: arizonaProfile),
                organizationProfile: californiaProfile),
            feeSchedule: testFeeSchedule)),
    ]

    @Test("the table is broad enough")
    func tableSize() {
        #expect(Self.rows.count >= 30)
    }

    @Test("no profile and the Arizona profile bill exactly like the legacy defaults", arguments: rows)
    func parity(row: Row) {
        let encounter = EncounterCharge(serviceType: row.service, minutes: row.minutes, facts: row.facts, payerID: UUID(), serviceDate: day("2026-01-15"))
        var previous: ChargeEvaluation?
        for (name, engine) in Self.engines {
            let evaluation = engine.evaluate(encounter)
            #expect(evaluation.procedureCode.code == row.code, "\(name)")
            #expect(evaluation.units.units == row.units, "\(name)")
            #expect(evaluation.modifiers.codes == row.modifiers, "\(name)")
            #expect(evaluation.amountCents == row.amountCents, "\(name)")
            if let previous {
                #expect(evaluation.procedureCode == previous.procedureCode)
                #expect(evaluation.units == previous.units)
                #expect(evaluation.modifiers == previous.modifiers)
                #expect(evaluation.pricing == previous.pricing)
            }
            previous = evaluation
        }
    }

    @Test("the three engines differ only in provenance")
    func provenance() {
        #expect(Self.engines.map(\.engine.jurisdiction.source) == [.defaults, .organization, .site(id: "phx-1")])
        #expect(Self.engines.allSatisfy { $0.engine.jurisdiction.displayName == "AHCCCS" })
        #expect(Self.engines.allSatisfy { $0.engine.modifierRules.mode == .legacy })
    }
}
