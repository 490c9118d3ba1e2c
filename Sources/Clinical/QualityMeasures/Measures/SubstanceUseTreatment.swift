public import Foundation
public import Platform

/// IET (HEDIS MY2024/2025-style, visit-based): new SUD episodes of patients 13 or older. An episode
/// is an encounter with an alcohol-or-other-drug diagnosis (its date: the discharge date of a stay,
/// the visit date otherwise) from the period's start to 47 days before its end (a calendar year:
/// January 1–November 14), with no SUD diagnosis in the 194 days before (negative diagnosis history).
/// Initiation: the episode is itself an inpatient stay, or another treatment event falls on the
/// episode date or in the 13 days after. Engagement: after initiation, two more treatment events
/// on two different days from the day after initiation to 34 days after it.
public enum SubstanceUseTreatment {
    public static let minimumAge = 13
    public static let negativeHistoryDays = 194
    public static let initiationDays = 13
    public static let engagementDays = 34
    public static let engagementEvents = 2

    public struct Episode: Sendable, Hashable {
        public let patientID: UUID
        public let episodeDate: ServiceDate
        /// The day treatment was initiated, if it was.
        public let initiation: ServiceDate?
        public let engaged: Bool
    }

    public static func episodes(of encounters: [QualityEncounter], born birth: ServiceDate?, in period: MeasurementPeriod) -> [Episode] {
        guard let birth else { return [] }
        let window = period.eventWindow(closingDays: 47)
        let diagnosed = encounters.filter { $0.kind != .practiceGroup && $0.diagnoses.substanceUse }
        let diagnosisDays = diagnosed.map { $0.isStay ? $0.end.dayNumber : $0.start.dayNumber }
        let treatment = encounters.filter(\.isSubstanceUseTreatment)
        var episodes: [Episode] = []
        var seen = Set<Int>()
        for encounter in diagnosed.sorted(by: { ($0.isStay ? $0.end : $0.start) < ($1.isStay ? $1.end : $1.start) }) {
            let episodeDate = encounter.isStay ? encounter.end : encounter.start
            let day = episodeDate.dayNumber
            guard window.contains(day), !seen.contains(day), age(on: episodeDate, born: birth) >= minimumAge,
                  !diagnosisDays.contains(where: { $0 < day && $0 >= day - negativeHistoryDays }) else { continue }
            seen.insert(day)
            let initiationDay: Int? = encounter.kind == .inpatient || encounter.kind == .nonacuteInpatient
                ? day
                : treatment.filter { $0 != encounter && $0.start.dayNumber >= day && $0.start.dayNumber <= day + initiationDays }
                    .map(\.start.dayNumber).min()
            var engaged = false
            if let initiationDay {
                let later = Set(treatment.map(\.start.dayNumber).filter { $0 > initiationDay && $0 <= initiationDay + engagementDays })
                engaged = later.count >= engagementEvents
            }
            episodes.append(Episode(patientID: encounter.patientID, episodeDate: episodeDate,
                                    initiation: initiationDay.flatMap { ServiceDate(dayNumber: $0) }, engaged: engaged))
        }
        return episodes
    }
}
