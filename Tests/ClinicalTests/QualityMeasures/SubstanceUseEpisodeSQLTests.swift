import Clinical
import Foundation
import Platform
import PlatformTesting
import PracticeManagement
import Testing

/// IET's period computation finds episodes, initiation and engagement in SQL; `SubstanceUseTreatment`
/// is the definition. Each row is one patient's history, run through both: the set-based statement
/// (`QualityMeasurePeriodComputation.substanceUseTreatment`) and the rules over every encounter and
/// treatment event read plainly (`QualityPeriodData`), and both must give the row's counts.
@Suite("IET episodes in SQL, against the rules")
struct SubstanceUseEpisodeSQLTests {
    typealias Fact = PatientHistory.Fact

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        var born = "1990-05-05"
        var anchor = "2026-03-02"
        let facts: [Fact]
        /// Coverage on file ending this many days after the anchor (a gap before the episode's window closes).
        var coverageEndsAfter: Int?
        /// Value sets the organization loads (CSV) before the measure runs.
        var loadedValueSets: String?
        /// Initial population, denominator, initiated, engaged.
        let expected: (eligible: Int, denominator: Int, initiated: Int, engaged: Int)
        var testDescription: String { name }
    }

    static func dispensed(_ code: String, day: Int) -> Fact { .treatment("MedicationDispense", system: "RXNORM", code: code, day: day) }
    static func procedure(day: Int) -> Fact { .treatment("Procedure", system: "HCPCS", code: "H0020", day: day) }
    static func injection(day: Int) -> Fact { .treatment("MedicationAdministration", system: "HCPCS", code: "J2315", day: day) }
    static func visit(_ day: Int, _ codes: String...) -> Fact { .encounter("outpatient", day: day, codes: codes) }

    static let cases: [Case] = [
        Case(name: "an AOD visit with no other treatment: an episode, not initiated", facts: [visit(0, "F1220")], expected: (1, 1, 0, 0)),
        Case(name: "negative history: an AOD diagnosis 194 days before means no new episode",
             facts: [visit(-194, "F1220"), visit(0, "F1220")], expected: (0, 0, 0, 0)),
        Case(name: "negative history: 195 days before, the visit starts an episode",
             facts: [visit(-195, "F1220"), visit(0, "F1220")], expected: (1, 1, 0, 0)),
        Case(name: "two episodes more than 194 days apart in one year", facts: [visit(0, "F1220"), visit(200, "F1220")], expected: (2, 2, 0, 0)),
        Case(name: "a stay discharged on the episode date initiates treatment by itself",
             facts: [.encounter("inpatient", day: 0, codes: ["F1120"])], expected: (1, 1, 1, 0)),
        Case(name: "a stay, then an alcohol medication dispensed 10 days after: engaged",
             facts: [.encounter("inpatient", day: 0, codes: ["F1020"]), dispensed("7243", day: 10)], expected: (1, 1, 1, 1)),
        Case(name: "initiation window: a visit on day 13 after the episode initiates", facts: [visit(0, "F1220"), visit(13, "F1220")], expected: (1, 1, 1, 0)),
        Case(name: "initiation window: a visit on day 14 after does not", facts: [visit(0, "F1220"), visit(14, "F1220")], expected: (1, 1, 0, 0)),
        Case(name: "the episode's own visit is not its initiation; a second visit that day is",
             facts: [visit(0, "F1220"), visit(0, "F1510")], expected: (1, 1, 1, 0)),
        Case(name: "an ED visit is the episode; a visit elsewhere the same day initiates",
             facts: [.encounter("emergency", day: 0, codes: ["F1220"]), visit(0, "F1220")], expected: (1, 1, 1, 0)),
        Case(name: "engagement: a session and a procedure on two days, +1 and +34 after initiation",
             facts: [visit(0, "F1220"), .session(day: 5), .session(day: 6), procedure(day: 39)], expected: (1, 1, 1, 1)),
        Case(name: "engagement window: the procedure +35 after initiation is too late",
             facts: [visit(0, "F1220"), .session(day: 5), .session(day: 6), procedure(day: 40)], expected: (1, 1, 1, 0)),
        Case(name: "engagement: two events on one day count once",
             facts: [visit(0, "F1220"), .session(day: 1), .session(day: 8), procedure(day: 8)], expected: (1, 1, 1, 0)),
        Case(name: "alcohol episode: naltrexone dispensed initiates, a refill engages",
             facts: [visit(0, "F1020"), dispensed("7243", day: 3), dispensed("7243", day: 20)], expected: (1, 1, 1, 1)),
        Case(name: "opioid episode: buprenorphine dispensed initiates and engages",
             facts: [visit(0, "F1120"), dispensed("1819", day: 1), dispensed("1819", day: 35)], expected: (1, 1, 1, 1)),
        Case(name: "stimulant episode: medication treatment does not count",
             facts: [visit(0, "F1510"), dispensed("7243", day: 3), dispensed("7243", day: 20)], expected: (1, 1, 0, 0)),
        Case(name: "the day's diagnoses decide the cohort: an opioid ED visit beside a stimulant one lets medication count",
             facts: [.encounter("emergency", day: 0, codes: ["F1510"]), .encounter("emergency", day: 0, codes: ["F1120"]), dispensed("1819", day: 4)],
             expected: (1, 1, 1, 0)),
        Case(name: "opioid episode: a long-acting injection that initiates is engagement by itself",
             facts: [visit(0, "F1120"), injection(day: 2)], expected: (1, 1, 1, 1)),
        Case(name: "stimulant episode: a long-acting injection is no treatment", facts: [visit(0, "F1510"), injection(day: 2)], expected: (1, 1, 0, 0)),
        Case(name: "age: 12 on the episode date is out", born: "2013-03-03", facts: [visit(0, "F1220")], expected: (0, 0, 0, 0)),
        Case(name: "age: 13 on the episode date (the birthday) is in", born: "2013-03-02", facts: [visit(0, "F1220")], expected: (1, 1, 0, 0)),
        Case(name: "episode window: 47 days before the period's end is in", anchor: "2026-11-14",
             facts: [visit(0, "F1220"), visit(2, "F1220")], expected: (1, 1, 1, 0)),
        Case(name: "episode window: 46 days before the period's end is out", anchor: "2026-11-15", facts: [visit(0, "F1220")], expected: (0, 0, 0, 0)),
        Case(name: "a visit without an AOD diagnosis is no episode and no treatment",
             facts: [visit(0, "F411"), .encounter("inpatient", day: 3, codes: ["F321"])], expected: (0, 0, 0, 0)),
        Case(name: "enrollment: coverage ending 20 days after the episode excludes it", facts: [visit(0, "F1220"), visit(3, "F1220")],
             coverageEndsAfter: 20, expected: (1, 0, 0, 0)),
        Case(name: "enrollment: coverage through 47 days after the episode keeps it", facts: [visit(0, "F1220"), visit(3, "F1220")],
             coverageEndsAfter: 47, expected: (1, 1, 1, 0)),
        Case(name: "death: a stay discharged expired in the period excludes the episode",
             facts: [visit(0, "F1220"), .encounter("inpatient", day: 90, codes: ["I10"], disposition: "exp")], expected: (1, 0, 0, 0)),
        // The statement finds treatment events by system and code through an index, and NDCs by
        // normalizing whatever was stored: both must still agree with the rules.
        Case(name: "a procedure code sent under another code system is no treatment",
             facts: [visit(0, "F1220"), .treatment("Procedure", system: "CPT", code: "H0020", day: 3)], expected: (1, 1, 0, 0)),
        Case(name: "a loaded NDC list: an alcohol medication dispensed as a hyphenated NDC initiates, an 11-digit refill engages",
             facts: [visit(0, "F1020"), .treatment("MedicationDispense", system: "NDC", code: "0093-7198-56", day: 3),
                     .treatment("MedicationDispense", system: "NDC", code: "00093719856", day: 20)],
             loadedValueSets: "value_set,code_system,code\nsud_medication,NDC,00093719856\n", expected: (1, 1, 1, 1)),
        Case(name: "a loaded NDC list: an NDC outside it is no treatment",
             facts: [visit(0, "F1020"), .treatment("MedicationDispense", system: "NDC", code: "0093-7198-57", day: 3)],
             loadedValueSets: "value_set,code_system,code\nsud_medication,NDC,00093719856\n", expected: (1, 1, 0, 0)),
    ]

    static let period = MeasurementPeriod.year(2026)

    @Test("the set-based statement and the rules count each history alike", arguments: cases)
    func sqlMatchesTheRules(_ row: Case) async throws {
        try await TestDatabase.with(migrations: try AttendanceTests.migrations()) { db in
            let tenant = try await TestTenant.create("IET SQL", permissions: [.groupSessionRead], database: db.database)
            let org = tenant.organizationID
            let anchor = ServiceDate(row.anchor)!
            let members = try await PatientHistory.record(row.facts, born: row.born, anchor: anchor, coverageEndsAfter: row.coverageEndsAfter,
                                                          tenant: tenant, database: db.database)
            let (set, rules) = try await db.database.withTenant(org) { tx in
                if let csv = row.loadedValueSets { _ = try await ValueSetStore.load(csv: csv, by: nil, in: tx) }
                let codes = try await ValueSetCodesInUse.load(in: tx)
                let set = try await QualityMeasurePeriodComputation.substanceUseTreatment.compute(Self.period, codes, tx).results
                let data = try await QualityPeriodData.load(from: Self.period.start.adding(days: -SubstanceUseTreatment.negativeHistoryDays)!,
                                                            through: Self.period.end, valueSets: codes.valueSets, in: tx)
                let rules = QualityMeasureCalculation.substanceUseTreatment(Dictionary(grouping: data.encounters, by: \.patientID),
                                                                           birthDates: data.birthDates, members: members, period: Self.period)
                return (set, rules)
            }
            #expect(set == rules)
            let initiation = try #require(set.first { $0.indicator == .ietInitiation })
            let engagement = try #require(set.first { $0.indicator == .ietEngagement })
            #expect(initiation.initialPopulation == row.expected.eligible)
            #expect(initiation.denominator == row.expected.denominator)
            #expect(initiation.numerator == row.expected.initiated)
            #expect(engagement.numerator == row.expected.engaged)
        }
    }
}
