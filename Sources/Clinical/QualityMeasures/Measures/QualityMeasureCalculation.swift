public import Foundation
public import Platform

/// Runs the encounter-based indicators over encounters, one patient at a time. Each measure has
/// its own entry point so a period computation can read only the encounters that measure needs.
/// After a measure's own event rules, each denominator event meets the member exclusions
/// (`MemberStatus`): hospice or death in the period, and enrollment across the event's window.
public enum QualityMeasureCalculation {
    /// FUH 7/30, FUM 7/30 and IET initiation/engagement for `encounters` (any order, any patients).
    public static func indicators(encounters: [QualityEncounter], birthDates: [UUID: ServiceDate], members: [UUID: MemberStatus] = [:],
                                  period: MeasurementPeriod) -> [IndicatorResult] {
        let byPatient = Dictionary(grouping: encounters, by: \.patientID)
        return hospitalizationFollowUp(byPatient, birthDates: birthDates, members: members, period: period)
            + emergencyVisitFollowUp(byPatient, birthDates: birthDates, members: members, period: period)
            + substanceUseTreatment(byPatient, birthDates: birthDates, members: members, period: period)
    }

    /// FUH and FUM: enrolled from the event's date through 30 days after it.
    static let followUpEnrollmentDays = 30
    /// IET: enrolled from 194 days before the episode date through 47 days after it.
    static let episodeEnrollmentDays = (before: SubstanceUseTreatment.negativeHistoryDays, after: 47)

    /// FUH 7-day and 30-day over each patient's encounters.
    public static func hospitalizationFollowUp(_ byPatient: [UUID: [QualityEncounter]], birthDates: [UUID: ServiceDate], members: [UUID: MemberStatus] = [:],
                                               period: MeasurementPeriod) -> [IndicatorResult] {
        hospitalizationFollowUp(candidates: byPatient.values.flatMap { FollowUpAfterHospitalization.candidates(of: $0, in: period) },
                                birthDates: birthDates, members: members, period: period)
    }

    /// FUH 7-day and 30-day over discharges already found (by the rules or by the period's set-based read).
    public static func hospitalizationFollowUp(candidates: [FollowUpCandidate], birthDates: [UUID: ServiceDate], members: [UUID: MemberStatus] = [:],
                                               period: MeasurementPeriod) -> [IndicatorResult] {
        var eligible = 0, denominator = 0, within7 = 0, within30 = 0
        var tally = ExclusionTally()
        for (patient, own) in Dictionary(grouping: candidates, by: \.patientID) {
            let (dischargesEligible, discharges) = FollowUpAfterHospitalization.discharges(of: own, born: birthDates[patient])
            eligible += dischargesEligible
            for discharge in discharges {
                let day = discharge.date.dayNumber
                guard tally.keeps(members[patient], enrolledFrom: day, through: day + followUpEnrollmentDays, period: period) else { continue }
                denominator += 1
                guard let visit = discharge.firstFollowUp, FollowUpAfterHospitalization.isFollowUp(visit: visit, discharge: discharge.date, days: 30) else { continue }
                within30 += 1
                if FollowUpAfterHospitalization.isFollowUp(visit: visit, discharge: discharge.date, days: 7) { within7 += 1 }
            }
        }
        return [
            IndicatorResult(indicator: .fuh7, initialPopulation: eligible, denominator: denominator, numerator: within7, excludedBy: tally.counts),
            IndicatorResult(indicator: .fuh30, initialPopulation: eligible, denominator: denominator, numerator: within30, excludedBy: tally.counts),
        ]
    }

    /// FUM 7-day and 30-day over each patient's encounters.
    public static func emergencyVisitFollowUp(_ byPatient: [UUID: [QualityEncounter]], birthDates: [UUID: ServiceDate], members: [UUID: MemberStatus] = [:],
                                              period: MeasurementPeriod) -> [IndicatorResult] {
        emergencyVisitFollowUp(candidates: byPatient.values.flatMap { FollowUpAfterEmergencyVisit.candidates(of: $0, in: period) },
                               birthDates: birthDates, members: members, period: period)
    }

    /// FUM 7-day and 30-day over ED visits already found (by the rules or by the period's set-based read), one per patient and day.
    public static func emergencyVisitFollowUp(candidates: [FollowUpCandidate], birthDates: [UUID: ServiceDate], members: [UUID: MemberStatus] = [:],
                                              period: MeasurementPeriod) -> [IndicatorResult] {
        var eligible = 0, denominator = 0, within7 = 0, within30 = 0
        var tally = ExclusionTally()
        for (patient, own) in Dictionary(grouping: candidates, by: \.patientID) {
            let (visitsEligible, visits) = FollowUpAfterEmergencyVisit.visits(of: own, born: birthDates[patient])
            eligible += visitsEligible
            for visit in visits {
                let day = visit.date.dayNumber
                guard tally.keeps(members[patient], enrolledFrom: day, through: day + followUpEnrollmentDays, period: period) else { continue }
                denominator += 1
                guard let followUp = visit.firstFollowUp, FollowUpAfterEmergencyVisit.isFollowUp(visit: followUp, emergencyVisit: visit.date, days: 30) else { continue }
                within30 += 1
                if FollowUpAfterEmergencyVisit.isFollowUp(visit: followUp, emergencyVisit: visit.date, days: 7) { within7 += 1 }
            }
        }
        return [
            IndicatorResult(indicator: .fum7, initialPopulation: eligible, denominator: denominator, numerator: within7, excludedBy: tally.counts),
            IndicatorResult(indicator: .fum30, initialPopulation: eligible, denominator: denominator, numerator: within30, excludedBy: tally.counts),
        ]
    }

    /// IET initiation and engagement over each patient's encounters.
    public static func substanceUseTreatment(_ byPatient: [UUID: [QualityEncounter]], birthDates: [UUID: ServiceDate], members: [UUID: MemberStatus] = [:],
                                             period: MeasurementPeriod) -> [IndicatorResult] {
        substanceUseTreatment(episodes: byPatient.flatMap { patient, own in SubstanceUseTreatment.episodes(of: own, born: birthDates[patient], in: period) },
                              members: members, period: period)
    }

    /// IET initiation and engagement over episodes already found (by the rules or by the period's
    /// set-based read), after the member exclusions.
    public static func substanceUseTreatment(episodes found: [SubstanceUseTreatment.Episode], members: [UUID: MemberStatus] = [:],
                                             period: MeasurementPeriod) -> [IndicatorResult] {
        var eligible = 0, episodes = 0, initiated = 0, engaged = 0
        var tally = ExclusionTally()
        for episode in found {
            eligible += 1
            let day = episode.episodeDate.dayNumber
            guard tally.keeps(members[episode.patientID], enrolledFrom: day - episodeEnrollmentDays.before, through: day + episodeEnrollmentDays.after,
                              period: period) else { continue }
            episodes += 1
            if episode.initiation != nil { initiated += 1 }
            if episode.engaged { engaged += 1 }
        }
        return [
            IndicatorResult(indicator: .ietInitiation, initialPopulation: eligible, denominator: episodes, numerator: initiated, excludedBy: tally.counts),
            IndicatorResult(indicator: .ietEngagement, initialPopulation: eligible, denominator: episodes, numerator: engaged, excludedBy: tally.counts),
        ]
    }
}
