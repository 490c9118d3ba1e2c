import Foundation
import Platform
import PlatformTesting
import PracticeManagement
import Testing

/// A statement run prices its charges in SQL (`pm_fee_adjustment_cents`); `StatementLinePricing`
/// is the rule. These hold the SQL to the Swift rule line by line, and the set-based statement to
/// each schedule version in effect on a charge's date.
@Suite("Statement pricing in SQL matches the rule")
struct StatementPricingParityTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let charge: Int
        let slidingFee: SlidingFeeCharge?
        let charity: Int?
        var testDescription: String { "\(charge) \(String(describing: slidingFee)) charity:\(String(describing: charity))" }
    }

    /// The rules table's self-pay lines, then the edges: rounding half up, nothing below zero, a
    /// nominal fee above the charge, a charge of 0 or less.
    static let cases: [Case] = CharityAndStatementRulesTests.lines.filter { !$0.billedToPayer }.map {
        Case(charge: $0.charge, slidingFee: $0.slidingFee, charity: $0.charity)
    } + [
        Case(charge: 1, slidingFee: .discountPercent(50), charity: nil),
        Case(charge: 3, slidingFee: .discountPercent(50), charity: 50),
        Case(charge: 5, slidingFee: .discountPercent(10), charity: 10),
        Case(charge: 1_500, slidingFee: .nominalFee(cents: 2_000), charity: 100),
        Case(charge: 0, slidingFee: .discountPercent(80), charity: 100),
        Case(charge: -500, slidingFee: .nominalFee(cents: 2_000), charity: 50),
        Case(charge: 123_456_789, slidingFee: .discountPercent(33), charity: 67),
        Case(charge: 9_999, slidingFee: .discountPercent(100), charity: 100),
    ]

    @Test("pm_fee_adjustment_cents gives the sliding-fee and charity adjustments StatementLinePricing gives, case by case")
    func parity() async throws {
        try await TestDatabase.with(migrations: try FinancialCounselingFixture.migrations()) { db in
            for line in Self.cases {
                let swift = StatementLinePricing(chargeCents: line.charge, billedToPayer: false, slidingFee: line.slidingFee, charityDiscountPercent: line.charity)
                let (discount, fee): (Int?, Int?) = switch line.slidingFee {
                case .discountPercent(let percent): (percent, nil)
                case .nominalFee(let cents): (nil, cents)
                case nil: (nil, nil)
                }
                let sql = try await db.ownerScalars("""
                    SELECT sliding || ',' || pm_fee_adjustment_cents(responsibility - sliding, \(line.charity)::int, NULL)
                    FROM (SELECT r AS responsibility, pm_fee_adjustment_cents(r, \(discount)::int, \(fee)::bigint) AS sliding
                          FROM (SELECT greatest(\(line.charge)::bigint, 0) AS r) x) y
                    """, as: String.self)
                #expect(sql == ["\(swift.slidingFeeAdjustmentCents),\(swift.charityAdjustmentCents)"], "\(line.testDescription)")
            }
        }
    }

    @Test("each line is priced with the schedule version in effect on its date, before and inside the period")
    func versions() async throws {
        try await TestDatabase.with(migrations: try FinancialCounselingFixture.migrations()) { db in
            let f = try await FinancialCounselingFixture.make(db)
            let counselor = f.counselor
            let saved = ISO8601DateFormatter().date(from: "2026-01-01T18:00:00Z")!
            // From 1 April the 140 % class C gives 30 % off instead of 60 %.
            let april = SlidingFeeSchedule(effectiveFrom: ServiceDate("2026-04-01")!, classes: SlidingFeeSchedule.standard(effectiveFrom: ServiceDate("2026-04-01")!)
                .classes.map { $0.label == "C" ? SlidingFeeClass(label: "C2", minFPL: $0.minFPL, maxFPL: $0.maxFPL, charge: .discountPercent(30)) : $0 })
            try await f.tx { tx in
                _ = try await SlidingFeeSchedules.save(.standard(effectiveFrom: ServiceDate("2026-02-01")!), by: counselor, now: saved, in: tx)
                _ = try await SlidingFeeSchedules.save(april, by: counselor, now: saved, in: tx)
            }
            let patient = try await f.patient("P-1")
            _ = try await f.session(patient, date: "2026-02-01", household: 1, annualCents: 2_234_400, verifiedAt: Date(timeIntervalSince1970: 1_770_000_000))
            try await f.charge(patient, on: "2026-01-20", cents: 10_000)   // before any schedule: 10,000 due
            try await f.charge(patient, on: "2026-03-10", cents: 10_000)   // class C: 4,000 due
            let march = try await f.charge(patient, on: "2026-03-31", cents: 15_000)
            let april1 = try await f.charge(patient, on: "2026-04-01", cents: 15_000)
            let april1Again = try await f.charge(patient, on: "2026-04-01", cents: 1_000)
            let now = ISO8601DateFormatter().date(from: "2026-04-20T18:00:00Z")!
            let statement = try await f.tx { tx in
                try await PatientStatements.statement(patientID: patient, from: ServiceDate("2026-03-20")!, to: ServiceDate("2026-04-30")!, now: now, in: tx)
            }
            #expect(statement.previousBalanceCents == 10_000 + 4_000)
            // Lines by date, then by charge id in PostgreSQL's uuid order.
            let sameDay = try await db.ownerScalars("SELECT id FROM pm_charges WHERE service_date = '2026-04-01' ORDER BY id", as: UUID.self)
            #expect(Set(sameDay) == [april1, april1Again])
            #expect(statement.lines.map(\.chargeID) == [march] + sameDay)
            #expect(statement.lines.map(\.slidingFeeClass) == ["C", "C2", "C2"])
            let byID = Dictionary(uniqueKeysWithValues: statement.lines.map { ($0.chargeID, $0.pricing) })
            #expect(byID[march] == StatementLinePricing(chargeCents: 15_000, billedToPayer: false, slidingFee: .discountPercent(60), charityDiscountPercent: nil))
            #expect(byID[april1] == StatementLinePricing(chargeCents: 15_000, billedToPayer: false, slidingFee: .discountPercent(30), charityDiscountPercent: nil))
            #expect(byID[april1Again] == StatementLinePricing(chargeCents: 1_000, billedToPayer: false, slidingFee: .discountPercent(30), charityDiscountPercent: nil))
            #expect(statement.balanceCents == 14_000 + 6_000 + 10_500 + 700)
        }
    }
}
