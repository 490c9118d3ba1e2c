import Foundation
import Platform
import PostgresNIO

/// IET's episodes found in one set-based statement, so a period returns one row per episode rather
/// than every encounter with an alcohol-or-other-drug diagnosis. SQL applies the rules of
/// `SubstanceUseTreatment` that need a patient's whole history (the episode date and the
/// negative diagnosis history, which of the day's encounters is the episode, initiation and
/// engagement from the treatment days); the age limit and the member exclusions stay in Swift,
/// since birth dates and coverage are Practice Management's, read through the integration layer.
/// `SubstanceUseEpisodeSQLTests` holds this statement equal to those rules case by case.
struct SubstanceUseEpisodeReads {
    /// Candidate episodes before the age limit, with their initiation and engagement.
    let episodes: [SubstanceUseTreatment.Episode]
    /// Encounters with an AOD diagnosis and treatment events the statement read (the event's metadata).
    let sourceEncounterCount: Int
    /// The practice's attended sessions of those patients in the episode windows.
    let practiceVisitCount: Int

    static func load(_ period: MeasurementPeriod, codes: ValueSetCodesInUse, in tx: TenantTransaction) async throws -> SubstanceUseEpisodeReads {
        typealias Rule = SubstanceUseTreatment
        guard let (first, last) = period.eventDays(closingDays: 47), let lookBack = first.adding(days: -Rule.negativeHistoryDays) else {
            return SubstanceUseEpisodeReads(episodes: [], sourceEncounterCount: 0, practiceVisitCount: 0)
        }
        let events = SubstanceUseTreatmentEvents.kinds.flatMap { name, kind in codes.valueSets[name].members.map { (kind.rawValue, $0) } }
        let stays = "('inpatient', 'nonacute_inpatient')"
        // Only the non-NDC codes can be matched as stored, so the index on code finds those events and
        // every NDC event (stored hyphenated or not) is normalized by `cl_quality_code` in the join.
        let exactCodes = events.filter { $0.1.system != .ndc }
        // `sud`: each finished encounter with an AOD diagnosis, dated as an episode would be (a stay
        // by its discharge), from the diagnoses alone (each carries its encounter's patient, kind,
        // status and dates; the code index covers them). `diagnosis_day`: one row per patient and such day with the day before it, for
        // the negative history. `session`: every attended session day of the period (the joins by
        // patient keep only those of patients with an episode; the count, for the event's metadata,
        // those of patients with an AOD diagnosis). `treatment`: one row per patient and day with
        // what treated them: visits elsewhere with an AOD diagnosis (counted, as the episode's own
        // visit is not its initiation), other treatment visits (stays by admission, sessions,
        // procedures), and medication events. Engagement is looked for only after an initiation.
        var episodes: [SubstanceUseTreatment.Episode] = []
        var counts = (sources: 0, sessions: 0)
        try await PeriodStatementSettings.withLargeReads(in: tx) {
            for try await (sources, sessions, patient, day, initiated, engaged) in try await tx.query("""
            WITH sud AS (
              SELECT d.patient_id, d.kind, d.start_date,
                     CASE WHEN d.kind IN \(unescaped: stays) THEN d.end_date ELSE d.start_date END AS day,
                     bool_or(d.code = ANY(\(codes.alcoholOrOpioidUse)::text[])) AS alcohol_or_opioid
              FROM cl_external_encounter_diagnoses d
              WHERE d.code = ANY(\(codes.substanceUse)::text[])
                AND d.status = 'finished' AND d.kind IN ('inpatient', 'nonacute_inpatient', 'emergency', 'outpatient')
                AND d.end_date >= \(lookBack.description)::date AND d.start_date <= \(period.end.description)::date
              GROUP BY d.organization_id, d.encounter_id, d.patient_id, d.kind, d.start_date, d.end_date
            ), diagnosis_day AS (
              SELECT patient_id, day, bool_or(kind IN \(unescaped: stays)) AS stay, bool_or(kind = 'emergency') AS emergency,
                     bool_or(alcohol_or_opioid) AS alcohol_or_opioid, lag(day) OVER (PARTITION BY patient_id ORDER BY day) AS previous
              FROM sud GROUP BY patient_id, day
            ), episode AS (
              SELECT patient_id, day, stay, alcohol_or_opioid, NOT stay AND NOT emergency AS own_visit FROM diagnosis_day
              WHERE day BETWEEN \(first.description)::date AND \(last.description)::date
                AND (previous IS NULL OR previous < day - \(Rule.negativeHistoryDays)::int)
            ), session AS (
              SELECT DISTINCT a.patient_id, s.session_date AS day
              FROM cl_group_attendance a
              JOIN cl_group_sessions s ON s.organization_id = a.organization_id AND s.id = a.session_id
              WHERE a.attendance_status IN ('ATTENDED', 'LATE')
                AND s.session_date BETWEEN \(first.description)::date AND \(period.end.description)::date
            ), treatment_event AS (
              SELECT DISTINCT e.patient_id, e.event_date AS day, v.kind
              FROM cl_external_treatment_events e
              JOIN unnest(\(events.map(\.0))::text[], \(events.map(\.1.system.rawValue))::text[], \(events.map(\.1.code))::text[])
                   AS v(kind, code_system, code)
                ON v.code_system = e.code_system AND v.code = cl_quality_code(e.code_system, e.code)
              WHERE (e.code_system = 'NDC' OR (e.code_system = ANY(\(Set(exactCodes.map(\.1.system.rawValue)).sorted())::text[])
                                                 AND e.code = ANY(\(Set(exactCodes.map(\.1.code)).sorted())::text[])))
                AND e.status = 'completed' AND e.resource_type IN ('Procedure', 'MedicationDispense', 'MedicationAdministration')
                AND e.event_date BETWEEN \(lookBack.description)::date AND \(period.end.description)::date
            ), treatment AS (
              SELECT patient_id, day, sum(visits)::int AS visits, bool_or(other) AS other,
                     bool_or(medication) AS medication, bool_or(long_acting) AS long_acting
              FROM (
                SELECT patient_id, start_date AS day, (kind = 'outpatient')::int AS visits, kind <> 'outpatient' AS other,
                       false AS medication, false AS long_acting
                FROM sud WHERE kind <> 'emergency' AND start_date >= \(first.description)::date
                UNION ALL
                SELECT patient_id, day, 0, true, false, false FROM session
                UNION ALL
                SELECT patient_id, day, 0, kind = 'sud_procedure', kind = 'sud_medication', kind = 'long_acting_sud_medication'
                FROM treatment_event WHERE day >= \(first.description)::date
              ) t
              GROUP BY patient_id, day
            ), initiation AS (
              SELECT ep.patient_id, ep.day, ep.stay, ep.alcohol_or_opioid,
                     CASE WHEN ep.stay THEN ep.day
                          ELSE min(t.day) FILTER (WHERE t.other OR t.visits > (ep.own_visit AND t.day = ep.day)::int
                                                  OR (ep.alcohol_or_opioid AND (t.medication OR t.long_acting))) END AS initiated
              FROM episode ep
              LEFT JOIN treatment t ON NOT ep.stay AND t.patient_id = ep.patient_id
               AND t.day BETWEEN ep.day AND ep.day + \(Rule.initiationDays)::int
              GROUP BY ep.patient_id, ep.day, ep.stay, ep.alcohol_or_opioid
            ), engagement AS (
              SELECT i.patient_id, i.day,
                     bool_or(i.alcohol_or_opioid AND NOT i.stay AND t.long_acting AND t.day = i.initiated)
                     OR bool_or(i.alcohol_or_opioid AND (t.medication OR t.long_acting) AND t.day > i.initiated)
                     OR count(*) FILTER (WHERE t.day > i.initiated AND (t.other OR t.visits > 0)) >= \(Rule.engagementVisits)::int AS engaged
              FROM initiation i
              JOIN treatment t ON t.patient_id = i.patient_id AND t.day BETWEEN i.initiated AND i.initiated + \(Rule.engagementDays)::int
              WHERE i.initiated IS NOT NULL
              GROUP BY i.patient_id, i.day
            )
            SELECT ((SELECT count(*) FROM sud) + (SELECT count(*) FROM treatment_event))::int,
                   (SELECT count(*) FROM session WHERE patient_id IN (SELECT patient_id FROM sud))::int,
                   i.patient_id, i.day - DATE '1970-01-01', i.initiated - DATE '1970-01-01', coalesce(g.engaged, false)
            FROM (SELECT 1) AS one LEFT JOIN (initiation i LEFT JOIN engagement g ON g.patient_id = i.patient_id AND g.day = i.day) ON true
            """).decode((Int, Int, UUID?, Int?, Int?, Bool?).self) {
                counts = (sources, sessions)
                guard let patient, let day, let episodeDate = ServiceDate(dayNumber: day) else { continue }
                episodes.append(SubstanceUseTreatment.Episode(patientID: patient, episodeDate: episodeDate,
                                                              initiation: initiated.flatMap { ServiceDate(dayNumber: $0) }, engaged: engaged ?? false))
            }
        }
        return SubstanceUseEpisodeReads(episodes: episodes, sourceEncounterCount: counts.sources, practiceVisitCount: counts.sessions)
    }
}
