import Foundation
import Platform
import PostgresNIO

/// The reads every measure's period computation shares: imported encounters by a measure's own
/// selection with their diagnosis flags, and the practice's attended group sessions inside the
/// measure's follow-up windows.
enum QualityEncounterReads {
    /// The columns `encounters` decodes, over `cl_external_encounters e`: dates as day numbers and
    /// the follow-up measures' diagnosis flags as one bit mask from a single probe of the
    /// encounter's diagnoses (1: a principal code in Mental Illness or Intentional Self-Harm; 2: any
    /// code in Mental Health Diagnosis or Mental Illness), tested in SQL against the exact codes in
    /// use, read from a `codes` CTE (`principal`, `mental`), so no diagnosis list crosses the wire.
    static let columns = """
        e.patient_id, e.kind, e.start_date - DATE '1970-01-01', e.end_date - DATE '1970-01-01',
        (SELECT coalesce(bit_or(CASE WHEN d.is_principal AND d.code = ANY((SELECT principal FROM codes)::text[]) THEN 1 ELSE 0 END
                                | CASE WHEN d.code = ANY((SELECT mental FROM codes)::text[]) THEN 2 ELSE 0 END), 0)
         FROM cl_external_encounter_diagnoses d WHERE d.organization_id = e.organization_id AND d.encounter_id = e.id)
        """

    /// A branch to `UNION ALL` after `columns`: the practice's own ATTENDED or LATE group-session
    /// visits, one per patient and day, inside the windows of a `follow` CTE
    /// (`organization_id, patient_id, from_date, through_date`), as encounters of kind `practice_group`.
    /// Each window probes its patient's attendance (`OFFSET 0` keeps the planner from joining every
    /// session to every window by date first, which took most of FUH's time).
    static let practiceVisitsInFollowWindows = """
        SELECT DISTINCT w.patient_id, 'practice_group', v.session_date - DATE '1970-01-01', v.session_date - DATE '1970-01-01', 0
        FROM follow w
        CROSS JOIN LATERAL (
          SELECT s.session_date FROM cl_group_attendance a
          JOIN cl_group_sessions s ON s.organization_id = a.organization_id AND s.id = a.session_id
          WHERE a.organization_id = w.organization_id AND a.patient_id = w.patient_id AND a.attendance_status IN ('ATTENDED', 'LATE')
            AND s.session_date BETWEEN w.from_date AND w.through_date
          OFFSET 0
        ) v
        """

    /// Runs `query` (which defines the `codes` CTE and selects `columns`).
    static func encounters(_ query: PostgresQuery, in tx: TenantTransaction) async throws -> [QualityEncounter] {
        var encounters: [QualityEncounter] = []
        for try await (patient, kind, start, end, flags) in try await tx.query(query).decode((UUID, String, Int, Int, Int).self) {
            guard let kind = QualityEncounter.Kind(rawValue: kind), let start = ServiceDate(dayNumber: start), let end = ServiceDate(dayNumber: end) else { continue }
            encounters.append(QualityEncounter(patientID: patient, kind: kind, start: start, end: end,
                                               diagnoses: DiagnosisFlags(principalMentalIllness: flags & 1 != 0, mentalHealth: flags & 2 != 0, substanceUse: false)))
        }
        return encounters
    }

    /// Runs `query` (which selects the principal code and every code of each encounter) and classifies them in Swift.
    static func classifiedEncounters(_ query: PostgresQuery, valueSets: QualityValueSets, in tx: TenantTransaction) async throws -> [QualityEncounter] {
        var encounters: [QualityEncounter] = []
        for try await (patient, kind, start, end, principal, codes) in try await tx.query(query)
            .decode((UUID, String, String, String, String?, [String]).self) {
            guard let kind = QualityEncounter.Kind(rawValue: kind), let start = ServiceDate(start), let end = ServiceDate(end) else { continue }
            encounters.append(QualityEncounter(patientID: patient, kind: kind, start: start, end: end,
                                               diagnoses: valueSets.classify(principal: principal, all: codes)))
        }
        return encounters
    }
}
