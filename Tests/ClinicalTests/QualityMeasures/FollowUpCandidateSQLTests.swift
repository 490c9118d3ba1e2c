import Clinical
import Foundation
import Platform
import PlatformTesting
import Testing

/// FUH's and FUM's period computations find each event's readmission or admission and its first
/// follow-up in SQL (`FollowUpCandidateReads`); `FollowUpAfterHospitalization` and
/// `FollowUpAfterEmergencyVisit` are the definition. Each row is one patient's history, run through
/// the set-based statement and through the rules over every encounter read plainly
/// (`QualityPeriodData`); both must give the row's counts.
@Suite("FUH and FUM events in SQL, against the rules")
struct FollowUpCandidateSQLTests {
    typealias Fact = PatientHistory.Fact

    enum Measure: String, Sendable { case fuh, fum }

    struct Case: Sendable, CustomTestStringConvertible {
        let measure: Measure
        let name: String
        var born = "1990-05-05"
        var anchor = "2026-03-02"
        let facts: [Fact]
        var coverageEndsAfter: Int?
        /// Initial population, denominator, 7-day and 30-day numerators.
        let expected: (eligible: Int, denominator: Int, within7: Int, within30: Int)
        var testDescription: String { "\(measure.rawValue.uppercased()): \(name)" }
    }

    /// An acute stay for F32.1, admitted two days before `day` and discharged on it.
    static func discharge(_ day: Int = 0, _ code: String = "F321") -> Fact { .encounter("inpatient", day: day, codes: [code]) }
    static func emergency(_ day: Int = 0, _ code: String = "F321") -> Fact { .encounter("emergency", day: day, codes: [code]) }
    static func visit(_ day: Int, _ code: String = "F411") -> Fact { .encounter("outpatient", day: day, codes: [code]) }

    static let cases: [Case] = [
        Case(measure: .fuh, name: "a visit elsewhere with a mental-health diagnosis 7 days after discharge", facts: [discharge(), visit(7)], expected: (1, 1, 1, 1)),
        Case(measure: .fuh, name: "8 days after: the 30-day indicator only", facts: [discharge(), visit(8)], expected: (1, 1, 0, 1)),
        Case(measure: .fuh, name: "30 days after counts; 31 does not", facts: [discharge(), visit(30), discharge(200), visit(231)], expected: (2, 2, 0, 1)),
        Case(measure: .fuh, name: "a visit on the discharge date does not count", facts: [discharge(), visit(0)], expected: (1, 1, 0, 0)),
        Case(measure: .fuh, name: "the practice's attended session counts", facts: [discharge(), .session(day: 3)], expected: (1, 1, 1, 1)),
        Case(measure: .fuh, name: "a visit without a mental-health diagnosis does not count", facts: [discharge(), visit(3, "I10")], expected: (1, 1, 0, 0)),
        Case(measure: .fuh, name: "a principal code outside mental illness is no event",
             facts: [.encounter("inpatient", day: 0, codes: ["F1020", "F321"]), visit(3)], expected: (0, 0, 0, 0)),
        Case(measure: .fuh, name: "a nonacute admission on day 30 excludes the discharge",
             facts: [discharge(), .stay("nonacute_inpatient", admitted: 30, discharged: 40, codes: ["I10"]), visit(5)], expected: (1, 0, 0, 0)),
        Case(measure: .fuh, name: "an admission on day 31 does not",
             facts: [discharge(), .stay("nonacute_inpatient", admitted: 31, discharged: 40, codes: ["I10"]), visit(5)], expected: (1, 1, 1, 1)),
        Case(measure: .fuh, name: "a qualifying readmission stands as the event itself",
             facts: [discharge(), .stay("inpatient", admitted: 10, discharged: 12, codes: ["F209"]), visit(14)], expected: (2, 1, 1, 1)),
        Case(measure: .fuh, name: "two records of one same-day stay are each other's readmission",
             facts: [.stay("inpatient", admitted: 0, discharged: 0, codes: ["F321"]), .stay("inpatient", admitted: 0, discharged: 0, codes: ["F321"])],
             expected: (2, 0, 0, 0)),
        Case(measure: .fuh, name: "age: 5 on the discharge date is out", born: "2020-03-03", facts: [discharge(), visit(3)], expected: (0, 0, 0, 0)),
        Case(measure: .fuh, name: "age: 6 on the discharge date is in", born: "2020-03-02", facts: [discharge(), visit(3)], expected: (1, 1, 1, 1)),
        Case(measure: .fuh, name: "event window: discharged 30 days before the period's end is in", anchor: "2026-12-01",
             facts: [discharge(), visit(30)], expected: (1, 1, 0, 1)),
        Case(measure: .fuh, name: "event window: 29 days before is out", anchor: "2026-12-02", facts: [discharge(), visit(3)], expected: (0, 0, 0, 0)),
        Case(measure: .fuh, name: "enrollment: coverage ending 20 days after discharge excludes it", facts: [discharge(), visit(3)],
             coverageEndsAfter: 20, expected: (1, 0, 0, 0)),
        Case(measure: .fum, name: "a visit on the ED date counts", facts: [emergency(), visit(0)], expected: (1, 1, 1, 1)),
        Case(measure: .fum, name: "7 days after counts for both; 8 for 30 only; 31 for neither",
             facts: [emergency(), visit(7), emergency(100), visit(108), emergency(200), visit(231)], expected: (3, 3, 1, 2)),
        Case(measure: .fum, name: "the practice's attended session counts", facts: [emergency(), .session(day: 12)], expected: (1, 1, 0, 1)),
        Case(measure: .fum, name: "an inpatient admission within 30 days excludes the visit",
             facts: [emergency(), .stay("inpatient", admitted: 30, discharged: 33, codes: ["I10"]), visit(2)], expected: (1, 0, 0, 0)),
        Case(measure: .fum, name: "an admission on day 31 does not",
             facts: [emergency(), .stay("inpatient", admitted: 31, discharged: 33, codes: ["I10"]), visit(2)], expected: (1, 1, 1, 1)),
        Case(measure: .fum, name: "only the first ED visit in a 31-day span counts", facts: [emergency(), emergency(30), visit(31)], expected: (2, 1, 0, 0)),
        Case(measure: .fum, name: "a visit 31 days after a counted one counts again", facts: [emergency(), emergency(31), visit(31)], expected: (2, 2, 1, 1)),
        Case(measure: .fum, name: "two ED records of one day are one visit", facts: [emergency(), emergency(), visit(4)], expected: (1, 1, 1, 1)),
        Case(measure: .fum, name: "age: 5 on the ED date is out", born: "2020-03-03", facts: [emergency(), visit(3)], expected: (0, 0, 0, 0)),
        Case(measure: .fum, name: "enrollment: coverage ending 20 days after the visit excludes it", facts: [emergency(), visit(3)],
             coverageEndsAfter: 20, expected: (1, 0, 0, 0)),
    ]

    static let period = MeasurementPeriod.year(2026)

    @Test("the set-based statement and the rules count each history alike", arguments: cases)
    func sqlMatchesTheRules(_ row: Case) async throws {
        try await TestDatabase.with(migrations: try AttendanceTests.migrations()) { db in
            let tenant = try await TestTenant.create("Follow-up SQL", permissions: [.groupSessionRead], database: db.database)
            let members = try await PatientHistory.record(row.facts, born: row.born, anchor: ServiceDate(row.anchor)!, coverageEndsAfter: row.coverageEndsAfter,
                                                          tenant: tenant, database: db.database)
            let (set, rules) = try await db.database.withTenant(tenant.organizationID) { tx in
                let codes = try await ValueSetCodesInUse.load(in: tx)
                let computation: QualityMeasurePeriodComputation = row.measure == .fuh ? .hospitalizationFollowUp : .emergencyVisitFollowUp
                let set = try await computation.compute(Self.period, codes, tx).results
                let data = try await QualityPeriodData.load(from: Self.period.start.adding(days: -30)!, through: Self.period.end, valueSets: codes.valueSets, in: tx)
                let byPatient = Dictionary(grouping: data.encounters, by: \.patientID)
                let rules = row.measure == .fuh
                    ? QualityMeasureCalculation.hospitalizationFollowUp(byPatient, birthDates: data.birthDates, members: members, period: Self.period)
                    : QualityMeasureCalculation.emergencyVisitFollowUp(byPatient, birthDates: data.birthDates, members: members, period: Self.period)
                return (set, rules)
            }
            #expect(set == rules)
            let (seven, thirty) = (try #require(set.first), try #require(set.last))
            #expect(seven.initialPopulation == row.expected.eligible)
            #expect(seven.denominator == row.expected.denominator)
            #expect(seven.numerator == row.expected.within7)
            #expect(thirty.numerator == row.expected.within30)
        }
    }

    /// The read turns JIT compilation off for its statement only: what the transaction runs after
    /// it (the other measures of a finalization) gets the setting it had before.
    @Test("the read leaves the transaction's JIT setting as it found it", arguments: ["on", "off"])
    func jitSettingRestored(_ before: String) async throws {
        try await TestDatabase.with(migrations: try AttendanceTests.migrations()) { db in
            let tenant = try await TestTenant.create("Follow-up JIT", permissions: [.groupSessionRead], database: db.database)
            _ = try await PatientHistory.record([Self.discharge(), Self.visit(3)], born: "1990-05-05", anchor: ServiceDate("2026-03-02")!,
                                                coverageEndsAfter: nil, tenant: tenant, database: db.database)
            let after = try await db.database.withTenant(tenant.organizationID) { tx in
                try await tx.query("SELECT set_config('jit', \(before), true)")
                let codes = try await ValueSetCodesInUse.load(in: tx)
                for computation in [QualityMeasurePeriodComputation.hospitalizationFollowUp, .emergencyVisitFollowUp] {
                    _ = try await computation.compute(Self.period, codes, tx)
                }
                return try await tx.rows("SELECT current_setting('jit')").first?.decode(String.self)
            }
            #expect(after == before)
        }
    }
}
