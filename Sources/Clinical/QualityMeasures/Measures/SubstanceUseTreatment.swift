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
///
/// The period's computation finds the same episodes in SQL (`SubstanceUseEpisodeReads`); these
/// functions stay the definition, and `SubstanceUseEpisodeSQLTests` holds the two equal.
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
        let byDay = Dictionary(grouping: diagnosed, by: \.episodeDate.dayNumber)
        let diagnosisDays = byDay.keys.sorted()
        let visits = encounters.filter(\.isSubstanceUseTreatment)
        let medications = encounters.filter(\.isMedicationTreatment)
        var episodes: [Episode] = []
        for (index, day) in diagnosisDays.enumerated() {
            guard window.contains(day), let episodeDate = ServiceDate(dayNumber: day), isOldEnough(born: birth, on: episodeDate),
                  !hasDiagnosisHistory(day: day, previousDiagnosisDay: index > 0 ? diagnosisDays[index - 1] : nil),
                  let encounter = episodeEncounter(of: byDay[day] ?? []) else { continue }
            // An episode is in every diagnosis cohort its date's diagnoses name (HEDIS), so one
            // alcohol or opioid diagnosis that day lets medication treatment count.
            let episodeMedications = byDay[day, default: []].contains { $0.diagnoses.alcoholOrOpioidUse } ? medications : []
            var otherVisits = visits
            if let own = otherVisits.firstIndex(of: encounter) { otherVisits.remove(at: own) }
            let initiation = initiation(episode: encounter, on: day, visits: otherVisits, medications: episodeMedications)
            let engaged = initiation.map { isEngaged(after: $0, visits: visits, medications: episodeMedications) } ?? false
            episodes.append(Episode(patientID: encounter.patientID, episodeDate: episodeDate,
                                    initiation: initiation.flatMap { ServiceDate(dayNumber: $0.day) }, engaged: engaged))
        }
        return episodes
    }

    /// 13 or older on the episode date.
    static func isOldEnough(born birth: ServiceDate, on episodeDate: ServiceDate) -> Bool {
        age(on: episodeDate, born: birth) >= minimumAge
    }

    /// Whether the patient's previous AOD diagnosis day falls in the 194 days before `day` (so `day` starts no new episode).
    static func hasDiagnosisHistory(day: Int, previousDiagnosisDay: Int?) -> Bool {
        guard let previousDiagnosisDay else { return false }
        return previousDiagnosisDay >= day - negativeHistoryDays
    }

    /// Which of the encounters dated on an episode date is the episode itself: a stay discharged
    /// that day, else an ED visit, else a visit; so a visit elsewhere on the day of an ED visit can
    /// initiate treatment, and the choice never depends on the order the encounters were read in.
    static func episodeEncounter(of onEpisodeDate: [QualityEncounter]) -> QualityEncounter? {
        func rank(_ encounter: QualityEncounter) -> Int { encounter.isStay ? 0 : encounter.kind == .emergency ? 1 : 2 }
        return onEpisodeDate.min { rank($0) < rank($1) }
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
