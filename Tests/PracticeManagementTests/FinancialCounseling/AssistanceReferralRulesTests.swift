import Platform
import PracticeManagement
import Testing

/// The pure rules behind referrals and cost-estimate routing, as tables.
@Suite("Assistance referral lifecycle, coverage eligibility and the financial clearance threshold")
struct AssistanceReferralRulesTests {
    typealias S = AssistanceReferralStatus

    /// Every (from, to) pair and whether the lifecycle allows it.
    static let transitions: [(from: S, to: S, legal: Bool)] = S.allCases.flatMap { from in
        S.allCases.map { to in
            let legal: Bool = switch (from, to) {
            case (.identified, .referred), (.identified, .withdrawn),
                 (.referred, .applicationSubmitted), (.referred, .withdrawn),
                 (.applicationSubmitted, .approved), (.applicationSubmitted, .denied), (.applicationSubmitted, .withdrawn): true
            default: false
            }
            return (from, to, legal)
        }
    }

    @Test("identified → referred → application_submitted → approved | denied; withdrawn before a decision; decisions are final",
          arguments: transitions)
    func transition(row: (from: S, to: S, legal: Bool)) {
        #expect(row.from.canTransition(to: row.to) == row.legal, "\(row.from.rawValue) → \(row.to.rawValue)")
    }

    @Test("approved, denied and withdrawn are final; nothing moves back to identified")
    func finals() {
        #expect(S.allCases.filter(\.isFinal) == [.approved, .denied, .withdrawn])
        #expect(!S.allCases.contains { $0.canTransition(to: .identified) })
    }

    static let january = ServiceDate("2026-01-01")!
    static let june = ServiceDate("2026-06-30")!
    static let rows: [(name: String, facts: CoverageEligibilityFacts, date: ServiceDate, reasons: [CoverageIneligibility])] = [
        ("in force", .init(active: true, effectiveFrom: january, effectiveTo: nil, payerExists: true, hasMemberID: true), june, []),
        ("first day", .init(active: true, effectiveFrom: june, effectiveTo: nil, payerExists: true, hasMemberID: true), june, []),
        ("last day", .init(active: true, effectiveFrom: january, effectiveTo: june, payerExists: true, hasMemberID: true), june, []),
        ("day after the end", .init(active: true, effectiveFrom: january, effectiveTo: june, payerExists: true, hasMemberID: true),
         ServiceDate("2026-07-01")!, [.ended]),
        ("day before the start", .init(active: true, effectiveFrom: june, effectiveTo: nil, payerExists: true, hasMemberID: true),
         ServiceDate("2026-06-29")!, [.notYetEffective]),
        ("inactive", .init(active: false, effectiveFrom: january, effectiveTo: nil, payerExists: true, hasMemberID: true), june, [.inactive]),
        ("no payer", .init(active: true, effectiveFrom: january, effectiveTo: nil, payerExists: false, hasMemberID: true), june, [.payerMissing]),
        ("no member id", .init(active: true, effectiveFrom: january, effectiveTo: nil, payerExists: true, hasMemberID: false), june, [.memberIDMissing]),
        ("everything wrong", .init(active: false, effectiveFrom: june, effectiveTo: june, payerExists: false, hasMemberID: false), january,
         [.inactive, .notYetEffective, .payerMissing, .memberIDMissing]),
    ]

    @Test("eligibility: active and in force on the date (both ends inclusive), payer exists, member id present", arguments: rows)
    func eligibility(row: (name: String, facts: CoverageEligibilityFacts, date: ServiceDate, reasons: [CoverageIneligibility])) {
        let result = checkCoverageEligibility(row.facts, on: row.date)
        #expect(result.reasons == row.reasons, "\(row.name)")
        #expect(result.isEligible == row.reasons.isEmpty)
    }

    static let thresholds: [(profile: Int?, setting: Int?, cents: Int, source: FinancialClearanceThresholdSource)] = [
        (50_000, 75_000, 50_000, .jurisdictionProfile),
        (0, 75_000, 0, .jurisdictionProfile),
        (nil, 75_000, 75_000, .moduleSetting),
        (nil, nil, 100_000, .default),
    ]

    @Test("threshold: the jurisdiction profile's, else the module setting, else $1,000", arguments: thresholds)
    func threshold(row: (profile: Int?, setting: Int?, cents: Int, source: FinancialClearanceThresholdSource)) {
        let threshold = FinancialClearanceThreshold(jurisdictionProfile: row.profile, moduleSetting: row.setting)
        #expect(threshold.cents == row.cents)
        #expect(threshold.source == row.source)
    }

    @Test("an estimate needs clearance only strictly above the threshold", arguments: [
        (99_999, false), (100_000, false), (100_001, true), (0, false), (5_000_000, true),
    ])
    func boundary(cents: Int, exceeds: Bool) {
        #expect(FinancialClearanceThreshold(jurisdictionProfile: nil, moduleSetting: nil).isExceeded(by: cents) == exceeds)
    }
}
