import Foundation
import Platform
import PostgresNIO

/// The reads every measure's period computation shares: imported encounters by a measure's own
/// selection with their diagnosis flags, and the practice's attended group sessions inside the
/// measure's follow-up windows.
enum QualityEncounterReads {
    /// The columns `encounters` decodes, over `cl_external_encounters e`: dates as day numbers and
    /// the diagnosis flags tested in SQL against the exact codes in use (an alcohol or opioid code
    /// is an Alcohol and Other Drug code of F10 or F11, as `DiagnosisFlags.isAlcoholOrOpioid` says), read from a `codes` CTE
    /// (`codesCTE`), so no diagnosis list crosses the wire.
    static let columns = """
        e.patient_id, e.kind, e.start_date - DATE '1970-01-01', e.end_date - DATE '1970-01-01',
        EXISTS (SELECT 1 FROM cl_external_encounter_diagnoses d WHERE d.organization_id = e.organization_id AND d.encounter_id = e.id
                AND d.is_principal AND d.code = ANY((SELECT principal FROM codes)::text[])),
        EXISTS (SELECT 1 FROM cl_external_encounter_diagnoses d WHERE d.organization_id = e.organization_id AND d.encounter_id = e.id
                AND d.code = ANY((SELECT mental FROM codes)::text[])),
        EXISTS (SELECT 1 FROM cl_external_encounter_diagnoses d WHERE d.organization_id = e.organization_id AND d.encounter_id = e.id
                AND d.code = ANY((SELECT substance FROM codes)::text[])),
        EXISTS (SELECT 1 FROM cl_external_encounter_diagnoses d WHERE d.organization_id = e.organization_id AND d.encounter_id = e.id
                AND d.code = ANY((SELECT substance FROM codes)::text[]) AND upper(regexp_replace(d.code, '[.[:space:]]', '', 'g')) ~ '^F1[01]')
        """

    /// A branch to `UNION ALL` after `columns`: the practice's own ATTENDED or LATE group-session
    /// visits, one per patient and day, inside the windows of a `follow` CTE
    /// (`organization_id, patient_id, from_date, through_date`), as encounters of kind `practice_group`.
    static let practiceVisitsInFollowWindows = """
        SELECT DISTINCT a.patient_id, 'practice_group', s.session_date - DATE '1970-01-01', s.session_date - DATE '1970-01-01', false, false, false, false
        FROM follow w
        JOIN cl_group_attendance a ON a.organization_id = w.organization_id AND a.patient_id = w.patient_id
        JOIN cl_group_sessions s ON s.organization_id = a.organization_id AND s.id = a.session_id
        WHERE a.attendance_status IN ('ATTENDED', 'LATE') AND s.session_date BETWEEN w.from_date AND w.through_date
        """

    /// Runs `query` (which defines the `codes` CTE and selects `columns`).
    static func encounters(_ query: PostgresQuery, in tx: TenantTransaction) async throws -> [QualityEncounter] {
        var encounters: [QualityEncounter] = []
        for try await (patient, kind, start, end, principal, mental, substance, alcoholOrOpioid) in try await tx.query(query)
            .decode((UUID, String, Int, Int, Bool, Bool, Bool, Bool).self) {
            guard let kind = QualityEncounter.Kind(rawValue: kind), let start = ServiceDate(dayNumber: start), let end = ServiceDate(dayNumber: end) else { continue }
            encounters.append(QualityEncounter(patientID: patient, kind: kind, start: start, end: end,
                                               diagnoses: DiagnosisFlags(principalMentalIllness: principal, mentalHealth: mental, substanceUse: substance,
                                                                         alcoholOrOpioidUse: alcoholOrOpioid)))
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
