import Clinical
import Foundation
import Platform
import Testing

/// HEDIS FUH, FUM and IET (MY2024/2025): members in hospice or who died in the period are
/// excluded, and each event needs continuous enrollment across its window. Dates are day offsets
/// from the event, so each row reads like the specification's window.
private let patient = UUID()
private let born = ServiceDate(year: 1990, month: 6, day: 15)!
private let year = MeasurementPeriod.year(2026)
private let march10 = ServiceDate(year: 2026, month: 3, day: 10)!
private let mentalIllness = DiagnosisFlags(principalMentalIllness: true, mentalHealth: true, substanceUse: false)
private let substanceUse = DiagnosisFlags(principalMentalIllness: false, mentalHealth: false, substanceUse: true)

private func day(_ offset: Int) -> ServiceDate { march10.adding(days: offset)! }
private func span(_ from: Int, _ through: Int?) -> CoverageSpan { CoverageSpan(from: day(from), through: through.map(day)) }

private func results(_ encounters: [QualityEncounter], _ status: MemberStatus) -> [QualityIndicator: IndicatorResult] {
    Dictionary(uniqueKeysWithValues: QualityMeasureCalculation.indicators(encounters: encounters, birthDates: [patient: born],
                                                                          members: [patient: status], period: year).map { ($0.indicator, $0) })
}

/// A discharge on March 10 (FUH), an ED visit on March 10 (FUM) and an outpatient SUD visit on March 10 (IET), each measured alone.
private let events: [(QualityIndicator, [QualityEncounter])] = [
    (.fuh30, [QualityEncounter(patientID: patient, kind: .inpatient, start: day(-3), end: march10, diagnoses: mentalIllness)]),
    (.fum30, [QualityEncounter(patientID: patient, kind: .emergency, start: march10, diagnoses: mentalIllness)]),
    (.ietInitiation, [QualityEncounter(patientID: patient, kind: .outpatient, start: march10, diagnoses: substanceUse)]),
]

@Suite("Member exclusions: hospice, death, continuous enrollment")
struct MemberExclusionTests {
    @Test("hospice or death anywhere in the period excludes every event of the patient; outside it, nothing", arguments: [
        // (status, excluded as)
        (MemberStatus(hospiceDates: [day(200)]), ExclusionReason?.some(.hospice)),
        (MemberStatus(hospiceDates: [ServiceDate(year: 2026, month: 1, day: 1)!]), .hospice),
        (MemberStatus(hospiceDates: [ServiceDate(year: 2025, month: 12, day: 31)!]), nil),
        (MemberStatus(deathDate: day(25)), .death),
        (MemberStatus(deathDate: ServiceDate(year: 2026, month: 12, day: 31)!), .death),
        (MemberStatus(deathDate: ServiceDate(year: 2027, month: 1, day: 1)!), nil),
        (MemberStatus(hospiceDates: [day(5)], deathDate: day(9)), .hospice),
        (MemberStatus.unknown, nil),
    ])
    func hospiceAndDeath(status: MemberStatus, reason: ExclusionReason?) {
        for (indicator, encounters) in events {
            let result = results(encounters, status)[indicator]
            #expect(result?.initialPopulation == 1, "\(indicator)")
            #expect(result?.denominator == (reason == nil ? 1 : 0), "\(indicator)")
            #expect(result?.excludedBy == (reason.map { [$0: 1] } ?? [:]), "\(indicator)")
        }
    }

    @Test("FUH and FUM need coverage from the event date through 30 days after it, without a gap", arguments: [
        // (coverage spans as day offsets, stays in the denominator)
        ([span(-400, nil)], true),
        ([span(0, 30)], true),
        ([span(1, 30)], false),
        ([span(0, 29)], false),
        ([span(-10, 12), span(13, 40)], true),
        ([span(-10, 12), span(14, 40)], false),
        ([span(20, 40), span(-10, 19)], true),
        ([], false),
    ])
    func followUpEnrollment(coverage: [CoverageSpan], stays: Bool) {
        for indicator in [QualityIndicator.fuh30, .fum30] {
            let encounters = events.first { $0.0 == indicator }!.1
            let result = results(encounters, MemberStatus(coverage: coverage))[indicator]
            #expect(result?.denominator == (stays ? 1 : 0), "\(indicator)")
            #expect(result?.excludedBy[.enrollment] == (stays ? nil : 1), "\(indicator)")
        }
    }

    @Test("IET needs coverage from 194 days before the episode through 47 days after it", arguments: [
        ([span(-194, 47)], true),
        ([span(-193, 47)], false),
        ([span(-194, 46)], false),
        ([span(-300, -100), span(-99, nil)], true),
    ])
    func episodeEnrollment(coverage: [CoverageSpan], stays: Bool) {
        let result = results(events[2].1, MemberStatus(coverage: coverage))
        #expect(result[.ietInitiation]?.initialPopulation == 1)
        #expect(result[.ietInitiation]?.denominator == (stays ? 1 : 0))
        #expect(result[.ietEngagement]?.denominator == (stays ? 1 : 0))
    }

    @Test("no coverage on file means enrollment is unknown and not held against the patient")
    func unknownEnrollment() {
        for (indicator, encounters) in events {
            #expect(results(encounters, MemberStatus(coverage: nil))[indicator]?.denominator == 1, "\(indicator)")
        }
    }

    @Test("the measure's own exclusions and the member exclusions add up to initial population minus denominator")
    func exclusionsAddUp() {
        // Two discharges: the first readmitted within 30 days (a measure rule), the second in a coverage gap.
        let encounters = [
            QualityEncounter(patientID: patient, kind: .inpatient, start: day(-3), end: march10, diagnoses: mentalIllness),
            QualityEncounter(patientID: patient, kind: .inpatient, start: day(20), end: day(22), diagnoses: mentalIllness),
        ]
        let result = results(encounters, MemberStatus(coverage: [span(-100, 40)]))[.fuh30]
        #expect(result?.initialPopulation == 2)
        #expect(result?.denominator == 0)
        #expect(result?.exclusions == 2)
        #expect(result?.excludedBy == [.enrollment: 1])
    }
}
