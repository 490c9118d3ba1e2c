import Foundation
public import Platform

/// FUM (HEDIS MY2024/2025-style): ED visits of patients 6 or older with a principal diagnosis of
/// mental illness or intentional self-harm, from the period's start to 30 days before its end;
/// numerators are a mental-health follow-up visit within 7 and within 30 days, the ED date itself
/// included. A visit followed by an inpatient admission on its date or within 30 days is excluded.
/// Of a patient's remaining visits only the first in any 31-day span counts: after a counted
/// visit, the next one counts only if it is more than 30 days later.
public enum FollowUpAfterEmergencyVisit {
    public static let minimumAge = 6

    /// Every day of one patient's `encounters` with an ED visit whose principal code is mental
    /// illness or self-harm in the event window (two records of one day are one visit), with
    /// whether a stay began from that day through 30 days after, and its first follow-up.
    public static func candidates(of encounters: [QualityEncounter], in period: MeasurementPeriod) -> [FollowUpCandidate] {
        let window = period.eventWindow(closingDays: 30)
        let admissions = encounters.filter(\.isStay).map(\.start.dayNumber)
        var seen = Set<Int>()
        return encounters.compactMap { visit in
            let day = visit.start.dayNumber
            guard visit.kind == .emergency, visit.diagnoses.principalMentalIllness, window.contains(day), seen.insert(day).inserted else { return nil }
            return FollowUpCandidate(patientID: visit.patientID, date: visit.start, admittedWithin30Days: admissions.contains { $0 >= day && $0 <= day + 30 },
                                     firstFollowUp: firstFollowUp(encounters, after: visit.start))
        }
    }

    /// Of one patient's candidates (two of one day are one visit), how many are 6 or older on the day (eligible),
    /// and of those the visits not followed by an admission, then only the first in any 31-day span.
    public static func visits(of candidates: [FollowUpCandidate], born birth: ServiceDate?) -> (eligible: Int, denominator: [FollowUpCandidate]) {
        guard let birth else { return (0, []) }
        var days = Set<Int>()
        let eligible = candidates.filter { age(on: $0.date, born: birth) >= minimumAge && days.insert($0.date.dayNumber).inserted }
            .sorted { $0.date < $1.date }
        var kept: [FollowUpCandidate] = []
        for visit in eligible where !visit.admittedWithin30Days && (kept.last.map { visit.date.dayNumber > $0.date.dayNumber + 30 } ?? true) {
            kept.append(visit)
        }
        return (eligible.count, kept)
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
