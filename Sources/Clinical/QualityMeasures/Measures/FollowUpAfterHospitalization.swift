import Foundation
public import Platform

/// FUH (HEDIS MY2024/2025-style): acute inpatient discharges of patients 6 or older with a
/// principal diagnosis of mental illness or intentional self-harm, discharged from the period's
/// start to 30 days before its end; numerators are a mental-health follow-up visit within 7 and
/// within 30 days after discharge. A visit on the discharge date does not count. A discharge
/// followed within 30 days by another admission (acute or nonacute, any diagnosis) is excluded:
/// when the readmission qualifies itself, it stands as the event instead (the last discharge counts).
public enum FollowUpAfterHospitalization {
    public static let minimumAge = 6
    public static let followUpDays = [7, 30]

    /// Every acute stay of one patient's `encounters` with a principal mental-illness or self-harm
    /// code discharged in the event window, with whether another stay (another record, even of the
    /// same dates) began from its discharge date through 30 days after, and its first follow-up.
    public static func candidates(of encounters: [QualityEncounter], in period: MeasurementPeriod) -> [FollowUpCandidate] {
        let window = period.eventWindow(closingDays: 30)
        let stays = encounters.filter(\.isStay)
        return stays.indices.compactMap { index in
            let stay = stays[index]
            guard stay.kind == .inpatient, stay.diagnoses.principalMentalIllness, window.contains(stay.end.dayNumber) else { return nil }
            let days = stay.end.dayNumber...(stay.end.dayNumber + 30)
            let readmitted = stays.indices.contains { $0 != index && days.contains(stays[$0].start.dayNumber) }
            return FollowUpCandidate(patientID: stay.patientID, date: stay.end, admittedWithin30Days: readmitted,
                                     firstFollowUp: firstFollowUp(encounters, after: stay.end))
        }
    }

    /// Of one patient's candidates, how many are 6 or older on the discharge date (eligible), and
    /// of those the discharges not followed by a readmission (the denominator).
    public static func discharges(of candidates: [FollowUpCandidate], born birth: ServiceDate?) -> (eligible: Int, denominator: [FollowUpCandidate]) {
        guard let birth else { return (0, []) }
        let eligible = candidates.filter { age(on: $0.date, born: birth) >= minimumAge }
        return (eligible.count, eligible.filter { !$0.admittedWithin30Days })
    }

    /// A visit `visit` follows discharge `discharge` within `days`: strictly after the discharge date.
    public static func isFollowUp(visit: ServiceDate, discharge: ServiceDate, days: Int) -> Bool {
        visit.dayNumber > discharge.dayNumber && visit.dayNumber <= discharge.dayNumber + days
    }

    /// The first qualifying follow-up visit date after `discharge`, if any within 30 days.
    static func firstFollowUp(_ encounters: [QualityEncounter], after discharge: ServiceDate) -> ServiceDate? {
        encounters.filter { $0.isMentalHealthFollowUp && isFollowUp(visit: $0.start, discharge: discharge, days: 30) }
            .map(\.start).min()
    }
}
