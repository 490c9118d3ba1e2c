public import Foundation
public import Platform

/// Runs every encounter-based indicator over a period's encounters, one patient at a time.
public enum QualityMeasureCalculation {
    /// FUH 7/30, FUM 7/30 and IET initiation/engagement for `encounters` (any order, any patients).
    public static func indicators(encounters: [QualityEncounter], birthDates: [UUID: ServiceDate],
                                  period: MeasurementPeriod) -> [IndicatorResult] {
        var fuhEligible = 0, fuhDenominator = 0, fuh7 = 0, fuh30 = 0
        var fumEligible = 0, fumDenominator = 0, fum7 = 0, fum30 = 0
        var episodes = 0, initiated = 0, engaged = 0
        for (patient, own) in Dictionary(grouping: encounters, by: \.patientID) {
            let birth = birthDates[patient]
            let (dischargesEligible, discharges) = FollowUpAfterHospitalization.discharges(of: own, born: birth, in: period)
            fuhEligible += dischargesEligible
            fuhDenominator += discharges.count
            for discharge in discharges {
                guard let visit = FollowUpAfterHospitalization.firstFollowUp(own, after: discharge.dischargeDate) else { continue }
                fuh30 += 1
                if FollowUpAfterHospitalization.isFollowUp(visit: visit, discharge: discharge.dischargeDate, days: 7) { fuh7 += 1 }
            }
            let (visitsEligible, visits) = FollowUpAfterEmergencyVisit.visits(of: own, born: birth, in: period)
            fumEligible += visitsEligible
            fumDenominator += visits.count
            for visit in visits {
                guard let followUp = FollowUpAfterEmergencyVisit.firstFollowUp(own, after: visit.visitDate) else { continue }
                fum30 += 1
                if FollowUpAfterEmergencyVisit.isFollowUp(visit: followUp, emergencyVisit: visit.visitDate, days: 7) { fum7 += 1 }
            }
            for episode in SubstanceUseTreatment.episodes(of: own, born: birth, in: period) {
                episodes += 1
                if episode.initiation != nil { initiated += 1 }
                if episode.engaged { engaged += 1 }
            }
        }
        return [
            IndicatorResult(indicator: .fuh7, initialPopulation: fuhEligible, denominator: fuhDenominator, numerator: fuh7),
            IndicatorResult(indicator: .fuh30, initialPopulation: fuhEligible, denominator: fuhDenominator, numerator: fuh30),
            IndicatorResult(indicator: .fum7, initialPopulation: fumEligible, denominator: fumDenominator, numerator: fum7),
            IndicatorResult(indicator: .fum30, initialPopulation: fumEligible, denominator: fumDenominator, numerator: fum30),
            IndicatorResult(indicator: .ietInitiation, initialPopulation: episodes, denominator: episodes, numerator: initiated),
            IndicatorResult(indicator: .ietEngagement, initialPopulation: episodes, denominator: episodes, numerator: engaged),
        ]
    }
}
