public import Foundation
public import Platform

/// IET (HEDIS MY2024/2025-style): new SUD episodes of patients 13 or older. An episode is an
/// encounter with an alcohol-or-other-drug diagnosis (its date: the discharge date of a stay, the
/// visit date otherwise) from the period's start to 47 days before its end (a calendar year:
/// January 1–November 14), with no SUD diagnosis in the 194 days before (negative diagnosis history).
///
/// Treatment events are visits (the practice's own session, a visit or stay with an SUD diagnosis,
/// a procedure that is SUD treatment by its code) and, for alcohol or opioid use disorder episodes
/// only, medication treatment events (an AUD/OUD medication dispensed or given).
///
/// Initiation: the episode is itself an inpatient stay, or a treatment event falls on the episode
/// date or in the 13 days after (day 14 of the episode in, day 15 out).
/// Engagement, from the day after initiation to 34 days after it: an episode initiated by a
/// long-acting injection or implant is engaged by it; otherwise one medication treatment event, or
/// treatment visits on two different days.
public enum SubstanceUseTreatment {
    public static let minimumAge = 13
    public static let negativeHistoryDays = 194
    public static let initiationDays = 13
    public static let engagementDays = 34
    public static let engagementVisits = 2

    public struct Episode: Sendable, Hashable {
        public let patientID: UUID
        public let episodeDate: ServiceDate
        /// The day treatment was initiated, if it was.
        public let initiation: ServiceDate?
        public let engaged: Bool
    }

    /// What initiated an episode: on which day, and whether a long-acting medication did.
    struct Initiation: Hashable {
        let day: Int
        let longActing: Bool
    }

    public static func episodes(of encounters: [QualityEncounter], born birth: ServiceDate?, in period: MeasurementPeriod) -> [Episode] {
        guard let birth else { return [] }
        let window = period.eventWindow(closingDays: 47)
        let diagnosed = encounters.filter { $0.carriesDiagnoses && $0.diagnoses.substanceUse }
        let diagnosisDays = diagnosed.map { $0.isStay ? $0.end.dayNumber : $0.start.dayNumber }
        let visits = encounters.filter(\.isSubstanceUseTreatment)
        let medications = encounters.filter(\.isMedicationTreatment)
        var episodes: [Episode] = []
        var seen = Set<Int>()
        for encounter in diagnosed.sorted(by: { ($0.isStay ? $0.end : $0.start) < ($1.isStay ? $1.end : $1.start) }) {
            let episodeDate = encounter.isStay ? encounter.end : encounter.start
            let day = episodeDate.dayNumber
            guard window.contains(day), !seen.contains(day), age(on: episodeDate, born: birth) >= minimumAge,
                  !diagnosisDays.contains(where: { $0 < day && $0 >= day - negativeHistoryDays }) else { continue }
            seen.insert(day)
            let episodeMedications = encounter.diagnoses.alcoholOrOpioidUse ? medications : []
            let initiation = initiation(episode: encounter, on: day, visits: visits.filter { $0 != encounter }, medications: episodeMedications)
            let engaged = initiation.map { isEngaged(after: $0, visits: visits, medications: episodeMedications) } ?? false
            episodes.append(Episode(patientID: encounter.patientID, episodeDate: episodeDate,
                                    initiation: initiation.flatMap { ServiceDate(dayNumber: $0.day) }, engaged: engaged))
        }
        return episodes
    }

    static func initiation(episode: QualityEncounter, on day: Int, visits: [QualityEncounter],
                           medications: [QualityEncounter]) -> Initiation? {
        if episode.isStay { return Initiation(day: day, longActing: false) }
        let window = day...(day + initiationDays)
        guard let first = (visits + medications).map(\.start.dayNumber).filter(window.contains).min() else { return nil }
        return Initiation(day: first, longActing: medications.contains { $0.kind == .longActingSudMedication && $0.start.dayNumber == first })
    }

    static func isEngaged(after initiation: Initiation, visits: [QualityEncounter], medications: [QualityEncounter]) -> Bool {
        if initiation.longActing { return true }
        let window = (initiation.day + 1)...(initiation.day + engagementDays)
        if medications.contains(where: { window.contains($0.start.dayNumber) }) { return true }
        return Set(visits.map(\.start.dayNumber).filter(window.contains)).count >= engagementVisits
    }
}
