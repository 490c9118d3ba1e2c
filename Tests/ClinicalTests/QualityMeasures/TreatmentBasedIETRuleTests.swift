import Clinical
import Foundation
import Platform
import Testing

/// IET with procedures and medication treatment events, written as day offsets from the episode.
private let patient = UUID()
private let born = ServiceDate(year: 1990, month: 6, day: 15)!
private let episodeDate = ServiceDate(year: 2026, month: 3, day: 10)!
private let alcohol = DiagnosisFlags(principalMentalIllness: false, mentalHealth: false, substanceUse: true, alcoholOrOpioidUse: true)
private let cannabis = DiagnosisFlags(principalMentalIllness: false, mentalHealth: false, substanceUse: true)

private func event(_ offset: Int, _ kind: QualityEncounter.Kind, from date: ServiceDate = episodeDate) -> QualityEncounter {
    QualityEncounter(patientID: patient, kind: kind, start: date.adding(days: offset)!)
}

private func iet(_ encounters: [QualityEncounter], diagnosis: DiagnosisFlags = alcohol) -> (initiated: Bool, engaged: Bool) {
    let episode = QualityEncounter(patientID: patient, kind: .outpatient, start: episodeDate, diagnoses: diagnosis)
    let results = QualityMeasureCalculation.indicators(encounters: [episode] + encounters, birthDates: [patient: born], period: .year(2026))
    let initiation = results.first { $0.indicator == .ietInitiation }!, engagement = results.first { $0.indicator == .ietEngagement }!
    #expect(initiation.denominator == 1)
    return (initiation.numerator == 1, engagement.numerator == 1)
}

@Suite("IET with treatment procedures and medication treatment")
struct TreatmentBasedIETRuleTests {
    @Test("initiation by a procedure or a medication event on the episode date through day 13 (day 14 of the episode), not day 14 after", arguments: [
        (QualityEncounter.Kind.sudProcedure, 0, true), (.sudProcedure, 13, true), (.sudProcedure, 14, false),
        (.sudMedication, 0, true), (.sudMedication, 13, true), (.sudMedication, 14, false),
        (.longActingSudMedication, 13, true), (.longActingSudMedication, 14, false),
    ])
    func initiation(kind: QualityEncounter.Kind, offset: Int, initiated: Bool) {
        #expect(iet([event(offset, kind)]).initiated == initiated)
    }

    @Test("medication treatment counts only for alcohol or opioid use disorder episodes; procedures for any")
    func medicationNeedsAlcoholOrOpioid() {
        #expect(!iet([event(3, .sudMedication)], diagnosis: cannabis).initiated)
        #expect(!iet([event(3, .longActingSudMedication)], diagnosis: cannabis).initiated)
        #expect(iet([event(3, .sudProcedure)], diagnosis: cannabis).initiated)
        #expect(!iet([event(3, .sudProcedure), event(5, .sudMedication)], diagnosis: cannabis).engaged)
    }

    @Test("engagement: one medication treatment event from the day after initiation to 34 days after it", arguments: [
        // (medication's day after initiation; engaged)
        (0, false), (1, true), (34, true), (35, false),
    ])
    func engagementByMedication(after days: Int, engaged: Bool) {
        let initiation = episodeDate.adding(days: 2)!
        #expect(iet([event(2, .sudProcedure), event(days, .sudMedication, from: initiation)]).engaged == engaged)
    }

    @Test("engagement: procedures and visits on two different days, +1 to +34 after initiation", arguments: [
        ([1, 34], true), ([1, 35], false), ([5, 5], false), ([0, 34], false),
    ])
    func engagementByVisits(after days: [Int], engaged: Bool) {
        let initiation = episodeDate.adding(days: 2)!
        let events = [event(2, .practiceGroup)] + days.enumerated().map { index, day in
            event(day, index == 0 ? .sudProcedure : .practiceGroup, from: initiation)
        }
        #expect(iet(events).engaged == engaged)
    }

    @Test("a long-acting injection or implant that initiates treatment is engagement by itself")
    func longActingInitiation() {
        let result = iet([event(4, .longActingSudMedication)])
        #expect(result.initiated && result.engaged)
        // A visit initiating on the same day as nothing long-acting needs more.
        #expect(!iet([event(4, .sudProcedure)]).engaged)
        // A long-acting event after an initiating visit is a medication treatment event: within 34 days it engages.
        #expect(iet([event(1, .practiceGroup), event(35, .longActingSudMedication)]).engaged)
        #expect(!iet([event(1, .practiceGroup), event(36, .longActingSudMedication)]).engaged)
    }

    @Test("a procedure or medication event carries no diagnosis, so it never starts an episode")
    func noEpisodeFromTreatment() {
        let results = QualityMeasureCalculation.indicators(encounters: [event(0, .sudProcedure), event(0, .sudMedication)],
                                                           birthDates: [patient: born], period: .year(2026))
        #expect(results.first { $0.indicator == .ietInitiation }?.denominator == 0)
    }
}
