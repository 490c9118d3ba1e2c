import Clinical
import Foundation
import Platform
import Testing

/// AMM's windows, written as day offsets from the Index Prescription Start Date (IPSD) so each row
/// reads like the specification: (day dispensed, days' supply, medication).
private let patient = UUID()
private let year = MeasurementPeriod.year(2026)
private let ipsd = ServiceDate(year: 2025, month: 8, day: 1)!
private let adult = ServiceDate(year: 1980, month: 1, day: 1)!
private typealias AMM = AntidepressantMedicationManagement

private func fills(_ rows: [(Int, Int, String)], from start: ServiceDate = ipsd) -> [AMM.Dispensing] {
    rows.map { AMM.Dispensing(patientID: patient, date: start.adding(days: $0.0)!, daysSupply: $0.1, medication: $0.2) }
}

private func results(_ dispensings: [AMM.Dispensing], depressionAt offsets: [Int] = [0], born: ServiceDate = adult)
    -> (acute: IndicatorResult, continuation: IndicatorResult) {
    let depression = offsets.map { ipsd.dayNumber + $0 }.map { $0...$0 }
    let all = AMM.results(dispensings: dispensings, depression: [patient: depression], birthDates: [patient: born], period: year)
    return (all.first { $0.indicator == .ammAcute }!, all.first { $0.indicator == .ammContinuation }!)
}

@Suite("AMM: antidepressant medication management")
struct AntidepressantMedicationRuleTests {
    @Test("effective acute phase: 84 treatment days from the IPSD through day 114, gaps allowed", arguments: [
        // (dispensings, met)
        ([(0, 84, "A")], true),
        ([(0, 83, "A")], false),
        // A 31-day gap: days 0–29 and 61–114 are 84 days; one day later the last day falls outside.
        ([(0, 30, "A"), (61, 54, "A")], true),
        ([(0, 30, "A"), (62, 54, "A")], false),
        // Refills of the same medication before it runs out shift forward: 0–29, 30–59, 60–83.
        ([(0, 30, "A"), (20, 30, "A"), (40, 24, "A")], true),
        ([(0, 30, "A"), (20, 30, "A"), (40, 23, "A")], false),
        // Two medications overlapping count each day once: 0–83 and 0–82.
        ([(0, 30, "A"), (20, 64, "B")], true),
        ([(0, 30, "A"), (20, 63, "B")], false),
        // Two medications the same day: the longer supply counts; the same medication twice is summed.
        ([(0, 84, "A"), (0, 30, "B")], true),
        ([(0, 60, "A"), (0, 30, "B")], false),
        ([(0, 42, "A"), (0, 42, "A")], true),
    ] as [([(Int, Int, String)], Bool)])
    func acutePhase(rows: [(Int, Int, String)], met: Bool) {
        let result = results(fills(rows)).acute
        #expect(result.denominator == 1)
        #expect(result.numerator == (met ? 1 : 0))
    }

    @Test("effective continuation phase: 180 treatment days from the IPSD through day 231", arguments: [
        ([(0, 180, "A")], true),
        ([(0, 179, "A")], false),
        // Days 0–89 and 142–231: 180; starting a day later leaves 179 inside the window.
        ([(0, 90, "A"), (142, 90, "A")], true),
        ([(0, 90, "A"), (143, 90, "A")], false),
        // Six 30-day refills each dispensed ten days early still give 180 days end to end.
        ([(0, 30, "A"), (20, 30, "A"), (40, 30, "A"), (60, 30, "A"), (80, 30, "A"), (100, 30, "A")], true),
        // A switch of medication with an overlap: 0–99 and 90–179 cover 0–179.
        ([(0, 100, "A"), (90, 90, "B")], true),
        ([(0, 100, "A"), (90, 89, "B")], false),
    ] as [([(Int, Int, String)], Bool)])
    func continuationPhase(rows: [(Int, Int, String)], met: Bool) {
        let result = results(fills(rows)).continuation
        #expect(result.denominator == 1)
        #expect(result.numerator == (met ? 1 : 0))
    }

    @Test("negative medication history: no antidepressant in the 105 days before the IPSD", arguments: [
        (105, 0), (106, 1),
    ])
    func negativeHistory(daysBefore: Int, denominator: Int) {
        let result = results(fills([(-daysBefore, 30, "A"), (0, 90, "A")])).acute
        #expect(result.initialPopulation == 1)
        #expect(result.denominator == denominator)
        #expect(result.exclusions == 1 - denominator)
    }

    @Test("a major-depression diagnosis from 60 days before to 60 days after the IPSD", arguments: [
        (-61, 0), (-60, 1), (60, 1), (61, 0),
    ])
    func diagnosisWindow(offset: Int, denominator: Int) {
        #expect(results(fills([(0, 90, "A")]), depressionAt: [offset]).acute.denominator == denominator)
    }

    @Test("the IPSD falls in the intake period, May 1 of the year before to April 30, for adults 18 on its last day", arguments: [
        (ServiceDate(year: 2025, month: 4, day: 30)!, adult, 0), (ServiceDate(year: 2025, month: 5, day: 1)!, adult, 1),
        (ServiceDate(year: 2026, month: 4, day: 30)!, adult, 1), (ServiceDate(year: 2026, month: 5, day: 1)!, adult, 0),
        (ServiceDate(year: 2025, month: 8, day: 1)!, ServiceDate(year: 2008, month: 4, day: 30)!, 1),
        (ServiceDate(year: 2025, month: 8, day: 1)!, ServiceDate(year: 2008, month: 5, day: 1)!, 0),
    ])
    func intake(dispensed: ServiceDate, born: ServiceDate, initialPopulation: Int) {
        let dispensing = [AMM.Dispensing(patientID: patient, date: dispensed, daysSupply: 90, medication: "A")]
        let depression = [dispensed.dayNumber...dispensed.dayNumber]
        let result = AMM.results(dispensings: dispensing, depression: [patient: depression], birthDates: [patient: born], period: year)
        #expect(result.allSatisfy { $0.initialPopulation == initialPopulation && $0.denominator == initialPopulation })
    }

    @Test("the intake period of a calendar year, leap or not", arguments: [
        (2026, "2025-05-01", "2026-04-30"), (2024, "2023-05-01", "2024-04-30"), (2025, "2024-05-01", "2025-04-30"),
    ])
    func intakePeriod(year: Int, start: String, end: String) {
        let intake = AMM.intakePeriod(for: .year(year))
        #expect(intake.lowerBound.description == start && intake.upperBound.description == end)
    }

    @Test("only the earliest dispensing in the intake period is the IPSD; a later start does not restart the phases")
    func earliestIsIndex() {
        // Dispensed on day 0 for 10 days, then steadily from day 41: acute days 10 + 74 = 84; from day 42, 83.
        #expect(results(fills([(0, 10, "A"), (41, 30, "A"), (71, 30, "A"), (101, 30, "A")])).acute.numerator == 1)
        #expect(results(fills([(0, 10, "A"), (42, 30, "A"), (72, 30, "A"), (102, 30, "A")])).acute.numerator == 0)
    }
}

@Suite("AMM care gap: acute-phase supply running out")
struct AntidepressantCareGapTests {
    static let today = ServiceDate(year: 2026, month: 6, day: 15)!

    static func gaps(_ rows: [(Int, Int, String)], born: ServiceDate = adult, depression: Bool = true) -> [CareGap] {
        let start = today.adding(days: -20)!
        let data = AntidepressantTreatmentData(dispensings: fills(rows, from: start),
                                               depression: depression ? [patient: [start.dayNumber...start.dayNumber]] : [:],
                                               birthDates: [patient: born])
        return CareGaps.lapsingSupply(on: today, data)
    }

    @Test("listed when the supply on hand ends today or within the next 13 days (lapses within 14), acute phase not yet covered", arguments: [
        // (supply from 20 days ago; lapses in days, or nil when not listed)
        (21, 1 as Int?), (30, 10), (34, 14), (35, nil), (20, nil), (84, nil),
    ])
    func lapse(supply: Int, lapsesIn: Int?) {
        let gaps = Self.gaps([(0, supply, "A")])
        #expect(gaps.first?.daysLeft == lapsesIn)
        if let lapsesIn {
            #expect(gaps.first?.kind == .antidepressantAcutePhase)
            #expect(gaps.first?.supplyLapsesOn == Self.today.adding(days: lapsesIn))
            #expect(gaps.first?.eventDate == Self.today.adding(days: -20))
        }
    }

    @Test("not listed without the measure's diagnosis, age or a new treatment start")
    func eligibility() {
        #expect(Self.gaps([(0, 30, "A")], depression: false).isEmpty)
        #expect(Self.gaps([(0, 30, "A")], born: ServiceDate(year: 2010, month: 1, day: 1)!).isEmpty)
        // Dispensed 100 days before the current supply (before the acute window): not a new start.
        #expect(Self.gaps([(-100, 30, "A"), (0, 30, "A")]).isEmpty)
    }
}
