public import Foundation
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

    /// A discharge in the denominator.
    public struct Discharge: Sendable, Hashable {
        public let patientID: UUID
        public let dischargeDate: ServiceDate
    }

    /// The qualifying discharges of one patient (`encounters` sorted or not) and how many were excluded.
    public static func discharges(of encounters: [QualityEncounter], born birth: ServiceDate?, in period: MeasurementPeriod)
        -> (eligible: Int, denominator: [Discharge]) {
        guard let birth else { return (0, []) }
        let window = period.eventWindow(closingDays: 30)
        let stays = encounters.filter(\.isStay)
        var eligible = 0
        var kept: [Discharge] = []
        for stay in stays where stay.kind == .inpatient && stay.diagnoses.principalMentalIllness
            && window.contains(stay.end.dayNumber) && age(on: stay.end, born: birth) >= minimumAge {
            eligible += 1
            let discharge = stay.end.dayNumber
            let readmitted = stays.contains { other in
                other != stay && other.start.dayNumber >= discharge && other.start.dayNumber <= discharge + 30
            }
            if !readmitted { kept.append(Discharge(patientID: stay.patientID, dischargeDate: stay.end)) }
        }
        return (eligible, kept)
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
