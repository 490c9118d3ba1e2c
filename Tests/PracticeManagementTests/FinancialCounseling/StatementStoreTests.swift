import Foundation
import Platform
import PlatformTesting
import PracticeManagement
import Testing

/// Sliding-fee schedules and patient statements against PostgreSQL.
@Suite("Sliding-fee schedules and statements")
struct StatementStoreTests {
    @Test("the first schedule may start in the past; a later version may not rewrite days already past")
    func scheduleVersions() async throws {
        try await TestDatabase.with(migrations: try FinancialCounselingFixture.migrations()) { db in
            let f = try await FinancialCounselingFixture.make(db)
            let counselor = f.counselor
            let now = ISO8601DateFormatter().date(from: "2026-06-15T18:00:00Z")!
            try await f.tx { tx in _ = try await SlidingFeeSchedules.save(.standard(effectiveFrom: ServiceDate("2026-01-01")!), by: counselor, now: now, in: tx) }
            let later = SlidingFeeSchedule(effectiveFrom: ServiceDate("2026-06-14")!, classes: [
                SlidingFeeClass(label: "All", minFPL: FPLPercentage(hundredths: 0), maxFPL: FPLPercentage(hundredths: 20_000), charge: .nominalFee(cents: 500))])
            await #expect { try await f.tx { tx in _ = try await SlidingFeeSchedules.save(later, by: counselor, now: now, in: tx) } } throws: {
                ($0 as? DomainError)?.code == "SCHEDULE_REWRITES_PAST" && ($0 as? DomainError)?.field == "effective_from"
            }
            let future = SlidingFeeSchedule(effectiveFrom: ServiceDate("2026-06-15")!, classes: later.classes)
            try await f.tx { tx in _ = try await SlidingFeeSchedules.save(future, by: counselor, now: now, in: tx) }
            let versions = try await f.tx { tx in try await SlidingFeeSchedules.versions(in: tx) }
            #expect(versions == [.standard(effectiveFrom: ServiceDate("2026-01-01")!), future])
            let gap = SlidingFeeSchedule(effectiveFrom: ServiceDate("2026-07-01")!, classes: [
                SlidingFeeClass(label: "A", minFPL: FPLPercentage(hundredths: 0), maxFPL: FPLPercentage(hundredths: 10_000), charge: .discountPercent(100))])
            await #expect { try await f.tx { tx in _ = try await SlidingFeeSchedules.save(gap, by: counselor, now: now, in: tx) } } throws: {
                ($0 as? DomainError)?.code == "SLIDING_FEE_GAP"
            }
            #expect(try await f.count("pm_sliding_fee_schedules") == 2)
        }
    }

    @Test("a patient's tier comes from the newest verified session, not a newer unverified one")
    func patientTier() async throws {
        try await TestDatabase.with(migrations: try FinancialCounselingFixture.migrations()) { db in
            let f = try await FinancialCounselingFixture.make(db)
            let counselor = f.counselor
            try await f.tx { tx in _ = try await SlidingFeeSchedules.save(.standard(effectiveFrom: ServiceDate("2026-01-01")!), by: counselor, in: tx) }
            let patient = try await f.patient("P-1")
            let verified = try await f.session(patient, date: "2026-02-01", household: 1, annualCents: 2_234_400, verifiedAt: Date(timeIntervalSince1970: 1_770_000_000)) // 140 %
            _ = try await f.session(patient, date: "2026-04-01", household: 1, annualCents: 1_000_000) // 62.66 %, unverified
            let tier = try await f.tx { tx in try await PatientSlidingFeeTiers.forPatient(patient, on: ServiceDate("2026-05-01")!, in: tx) }
            #expect(tier.sessionID == verified.id && tier.incomeVerified && tier.fplPercentage?.description == "140.00" && tier.tier?.label == "C")
        }
    }

    @Test("a statement prices the period's self-pay charges with the sliding fee and the charity discount, carries the earlier balance and subtracts payments")
    func statement() async throws {
        try await TestDatabase.with(migrations: try FinancialCounselingFixture.migrations()) { db in
            let f = try await FinancialCounselingFixture.make(db)
            let (counselor, supervisor) = (f.counselor, f.supervisor)
            try await f.tx { tx in _ = try await SlidingFeeSchedules.save(.standard(effectiveFrom: ServiceDate("2026-01-01")!), by: counselor, in: tx) }
            let patient = try await f.patient("P-1")
            // 140 % FPL: class C, 60 % off.
            let session = try await f.session(patient, date: "2026-02-01", household: 1, annualCents: 2_234_400, verifiedAt: Date(timeIntervalSince1970: 1_770_000_000))
            try await f.charge(patient, on: "2026-02-10", cents: 10_000)   // before the period: 4,000 due
            let inPeriod = try await f.charge(patient, on: "2026-03-05", cents: 15_000)
            try await f.charge(patient, on: "2026-03-06", cents: 20_000, billedToPayer: true) // the payer's, not on the statement
            try await f.charge(patient, on: "2026-04-02", cents: 9_999)   // after the period
            try await f.tx { tx in
                _ = try await PatientPayments.record(patientID: patient, receivedOn: ServiceDate("2026-02-20")!, amountCents: 1_000, method: .cash, by: counselor, in: tx)
                _ = try await PatientPayments.record(patientID: patient, receivedOn: ServiceDate("2026-03-20")!, amountCents: 500, method: .card, by: counselor, in: tx)
            }
            let march = (ServiceDate("2026-03-01")!, ServiceDate("2026-03-31")!)
            let now = ISO8601DateFormatter().date(from: "2026-04-10T18:00:00Z")!
            let plain = try await f.tx { tx in try await PatientStatements.statement(patientID: patient, from: march.0, to: march.1, now: now, in: tx) }
            #expect(plain.lines.map(\.chargeID) == [inPeriod])
            #expect(plain.lines[0].pricing == StatementLinePricing(chargeCents: 15_000, billedToPayer: false, slidingFee: .discountPercent(60), charityDiscountPercent: nil))
            #expect(plain.lines[0].slidingFeeClass == "C")
            #expect(!plain.charityIndicator)
            #expect(plain.previousBalanceCents == 4_000 - 1_000)
            #expect(plain.paymentsCents == 500)
            #expect(plain.balanceCents == 3_000 + 6_000 - 500)
            // A 50 % charity approval halves what the sliding fee leaves, on every open line.
            let application = try await f.tx { tx in try await CharityCareApplications.submit(sessionID: session.id, by: counselor, in: tx) }
            _ = try await f.tx { tx in try await CharityCareApplications.approve(application.id, discountPercent: 50, by: supervisor, now: now, in: tx) }
            let withCharity = try await f.tx { tx in try await PatientStatements.statement(patientID: patient, from: march.0, to: march.1, now: now, in: tx) }
            #expect(withCharity.charityIndicator && withCharity.charity?.applicationID == application.id)
            #expect(withCharity.charityAdjustmentCents == 3_000)
            #expect(withCharity.previousBalanceCents == 2_000 - 1_000)
            #expect(withCharity.balanceCents == 1_000 + 3_000 - 500)
        }
    }

    @Test("the statement run lists exactly the patients with a balance")
    func run() async throws {
        try await TestDatabase.with(migrations: try FinancialCounselingFixture.migrations()) { db in
            let f = try await FinancialCounselingFixture.make(db)
            let counselor = f.counselor
            let owing = try await f.patient("P-1")
            let paidUp = try await f.patient("P-2")
            let insured = try await f.patient("P-3")
            try await f.charge(owing, on: "2026-03-05", cents: 12_000)
            try await f.charge(paidUp, on: "2026-03-05", cents: 8_000)
            try await f.charge(insured, on: "2026-03-05", cents: 8_000, billedToPayer: true)
            try await f.tx { tx in
                _ = try await PatientPayments.record(patientID: paidUp, receivedOn: ServiceDate("2026-03-10")!, amountCents: 8_000, method: .check, by: counselor, in: tx)
            }
            let statements = try await f.tx { tx in
                try await PatientStatements.run(from: ServiceDate("2026-03-01")!, to: ServiceDate("2026-03-31")!, batchSize: 2, in: tx)
            }
            #expect(statements.map(\.patientID) == [owing])
            #expect(statements.first?.balanceCents == 12_000)
        }
    }
}
