public import Foundation
public import Platform

/// FUM (HEDIS MY2024/2025-style): ED visits of patients 6 or older with a principal diagnosis of
/// mental illness or intentional self-harm, from the period's start to 30 days before its end;
/// numerators are a mental-health follow-up visit within 7 and within 30 days, the ED date itself
/// included. A visit followed by an inpatient admission on its date or within 30 days is excluded.
/// Of a patient's remaining visits only the first in any 31-day span counts: after a counted
/// visit, the next one counts only if it is more than 30 days later.
public enum FollowUpAfterEmergencyVisit {
    public static let minimumAge = 6

    public struct EmergencyVisit: Sendable, Hashable {
        public let patientID: UUID
        public let visitDate: ServiceDate
    }

    public static func visits(of encounters: [QualityEncounter], born birth: ServiceDate?, in period: MeasurementPeriod)
        -> (eligible: Int, denominator: [EmergencyVisit]) {
        guard let birth else { return (0, []) }
        let window = period.eventWindow(closingDays: 30)
        let admissions = encounters.filter(\.isStay).map(\.start.dayNumber)
        // One ED visit per day: two records of the same day are one visit.
        let days = Set(encounters.filter {
            $0.kind == .emergency && $0.diagnoses.principalMentalIllness && window.contains($0.start.dayNumber)
                && age(on: $0.start, born: birth) >= minimumAge
        }.map(\.start.dayNumber)).sorted()
        let notAdmitted = days.filter { day in !admissions.contains { $0 >= day && $0 <= day + 30 } }
        var kept: [Int] = []
        for day in notAdmitted where kept.last.map({ day > $0 + 30 }) ?? true { kept.append(day) }
        let patient = encounters.first?.patientID ?? UUID()
        return (days.count, kept.compactMap { ServiceDate(dayNumber: $0) }.map { EmergencyVisit(patientID: patient, visitDate: $0) })
    }

    /// A visit on the ED date or within `days` after it.
    public static func isFollowUp(visit: ServiceDate, emergencyVisit: ServiceDate, days: Int) -> Bool {
        visit.dayNumber >= emergencyVisit.dayNumber && visit.dayNumber <= emergencyVisit.dayNumber + days
    }

    static func firstFollowUp(_ encounters: [QualityEncounter], after visit: ServiceDate) -> ServiceDate? {
        encounters.filter { $0.isMentalHealthFollowUp && isFollowUp(visit: $0.start, emergencyVisit: visit, days: 30) }
            .map(\.start).min()
    }
}
