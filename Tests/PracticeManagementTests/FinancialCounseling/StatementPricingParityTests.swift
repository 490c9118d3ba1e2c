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

    @Test("a run in batches gives each patient the one-patient statement, its lines and carried balance priced as the rule prices them")
    func runMatchesRule() async throws {
        try await TestDatabase.with(migrations: try FinancialCounselingFixture.migrations()) { db in
            let f = try await FinancialCounselingFixture.make(db)
            let (counselor, supervisor) = (f.counselor, f.supervisor)
            let saved = ISO8601DateFormatter().date(from: "2026-01-01T18:00:00Z")!
            let february = SlidingFeeSchedule.standard(effectiveFrom: ServiceDate("2026-02-01")!)
            let april = SlidingFeeSchedule(effectiveFrom: ServiceDate("2026-04-01")!, classes: february.classes.map {
                $0.label == "C" ? SlidingFeeClass(label: "C2", minFPL: $0.minFPL, maxFPL: $0.maxFPL, charge: .discountPercent(30)) : $0 })
            try await f.tx { tx in
                _ = try await SlidingFeeSchedules.save(february, by: counselor, now: saved, in: tx)
                _ = try await SlidingFeeSchedules.save(april, by: counselor, now: saved, in: tx)
            }
            let verified = Date(timeIntervalSince1970: 1_770_000_000)
            // 140 % (class C, then C2), 90 % (the $20 nominal fee), 140 % with a 50 % charity
            // approval, no session at all, and 250 % (no class).
            let (p140, p90, pCharity, pNone, p250) = (try await f.patient("P-1"), try await f.patient("P-2"), try await f.patient("P-3"),
                                                        try await f.patient("P-4"), try await f.patient("P-5"))
            let fpl: [UUID: FPLPercentage] = [p140: FPLPercentage("140")!, p90: FPLPercentage("90")!, pCharity: FPLPercentage("140")!, p250: FPLPercentage("250")!]
            _ = try await f.session(p140, date: "2026-02-01", annualCents: 2_234_400, verifiedAt: verified)
            _ = try await f.session(p90, date: "2026-02-01", annualCents: 1_436_400, verifiedAt: verified)
            let charitySession = try await f.session(pCharity, date: "2026-02-01", annualCents: 2_234_400, verifiedAt: verified)
            _ = try await f.session(p250, date: "2026-02-01", annualCents: 3_990_000, verifiedAt: verified)
            let now = ISO8601DateFormatter().date(from: "2026-04-20T18:00:00Z")!
            let application = try await f.tx { tx in try await CharityCareApplications.submit(sessionID: charitySession.id, by: counselor, in: tx) }
            _ = try await f.tx { tx in try await CharityCareApplications.approve(application.id, discountPercent: 50, by: supervisor, now: now, in: tx) }
            var charges: [(patient: UUID, id: UUID, date: String, cents: Int)] = []
            for (patient, date, cents) in [(p140, "2026-01-20", 10_000), (p140, "2026-03-10", 10_000), (p140, "2026-04-01", 15_000), (p140, "2026-04-05", 9_999),
                                           (p140, "2026-04-01", 1_000), (p90, "2026-03-01", 15_000), (p90, "2026-04-10", 1_500), (pCharity, "2026-03-15", 12_345),
                                           (pCharity, "2026-04-02", 7_777), (pNone, "2026-02-02", 5_000), (pNone, "2026-03-25", 3_000), (p250, "2026-04-30", 20_000)] {
                charges.append((patient, try await f.charge(patient, on: date, cents: cents), date, cents))
            }
            try await f.charge(p250, on: "2026-05-01", cents: 4_000)                      // after the period
            try await f.charge(p140, on: "2026-03-30", cents: 8_000, billedToPayer: true) // the payer's
            try await f.tx { tx in
                _ = try await PatientPayments.record(patientID: pNone, receivedOn: ServiceDate("2026-03-01")!, amountCents: 1_000, method: .cash, by: counselor, in: tx)
                _ = try await PatientPayments.record(patientID: pNone, receivedOn: ServiceDate("2026-03-21")!, amountCents: 500, method: .card, by: counselor, in: tx)
            }
            let (from, to) = (ServiceDate("2026-03-20")!, ServiceDate("2026-04-30")!)
            let run = try await f.tx { tx in try await PatientStatements.run(from: from, to: to, now: now, batchSize: 2, in: tx) }
            let ordered = try await db.ownerScalars("SELECT id FROM pm_patients ORDER BY id", as: UUID.self)
            #expect(run.map(\.patientID) == ordered)

            func rule(_ charge: (patient: UUID, id: UUID, date: String, cents: Int)) -> StatementLinePricing {
                let date = ServiceDate(charge.date)!
                let tier = fpl[charge.patient].flatMap { SlidingFeeSchedule.inEffect(on: date, among: [february, april])?.tier(for: $0) }
                return StatementLinePricing(chargeCents: charge.cents, billedToPayer: false, slidingFee: tier?.charge,
                                            charityDiscountPercent: charge.patient == pCharity ? 50 : nil)
            }
            for statement in run {
                let single = try await f.tx { tx in try await PatientStatements.statement(patientID: statement.patientID, from: from, to: to, now: now, in: tx) }
                #expect(statement == single)
                let mine = charges.filter { $0.patient == statement.patientID }
                let inPeriod = mine.filter { ServiceDate($0.date)! >= from }
                #expect(Set(statement.lines.map(\.chargeID)) == Set(inPeriod.map(\.id)))
                #expect(statement.lines.map(\.serviceDate) == statement.lines.map(\.serviceDate).sorted())
                for line in statement.lines {
                    let charge = inPeriod.first { $0.id == line.chargeID }!
                    #expect(line.pricing == rule(charge), "\(charge.date) \(charge.cents)")
                }
                let carried = mine.filter { ServiceDate($0.date)! < from }.reduce(0) { $0 + rule($1).dueCents }
                #expect(statement.previousBalanceCents == carried - (statement.patientID == pNone ? 1_000 : 0))
            }
            let byPatient = Dictionary(uniqueKeysWithValues: run.map { ($0.patientID, $0) })
            // The figures by hand: 10,000 before any schedule + 4,000 (60 % off); 15,000 less
            // 13,000 above the $20 fee; 12,345 less 60 % (7,407), then half the 4,938 left.
            #expect(byPatient[p140]?.previousBalanceCents == 14_000)
            #expect(byPatient[p140]?.lines.map(\.slidingFeeClass) == ["C2", "C2", "C2"])
            #expect(byPatient[p90]?.previousBalanceCents == 2_000)
            #expect(byPatient[p90]?.lines.first?.pricing.dueCents == 1_500)
            #expect(byPatient[pCharity]?.previousBalanceCents == 2_469)
            #expect(byPatient[pNone]?.balanceCents == 5_000 - 1_000 + 3_000 - 500)
            #expect(byPatient[p250]?.lines.map(\.pricing.dueCents) == [20_000])
        }
    }
}
