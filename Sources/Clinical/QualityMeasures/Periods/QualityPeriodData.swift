public import Foundation
public import Platform
import PostgresNIO

/// Every encounter between two dates, read from Clinical's own tables in two set-based statements:
/// imported encounters (with their diagnoses classified by the organization's value sets) and the
/// practice's attended group sessions as visits, plus imported SUD treatment procedures and
/// medication events (`SubstanceUseTreatmentEvents`). The care-gap list reads its 30 days this way; a
/// period's measures read only their own candidates (`QualityMeasurePeriodComputation`).
public struct QualityPeriodData: Sendable {
    public let encounters: [QualityEncounter]
    public let birthDates: [UUID: ServiceDate]

    /// Every encounter and attended session from `from` through `through`, with the birth dates of their patients.
    public static func load(from: ServiceDate, through: ServiceDate, valueSets: QualityValueSets,
                     in tx: TenantTransaction) async throws -> QualityPeriodData {
        var encounters = try await QualityEncounterReads.classifiedEncounters("""
            SELECT e.patient_id, e.kind, to_char(e.start_date, 'YYYY-MM-DD'), to_char(e.end_date, 'YYYY-MM-DD'),
                   (SELECT d.code FROM cl_external_encounter_diagnoses d
                     WHERE d.organization_id = e.organization_id AND d.encounter_id = e.id AND d.is_principal LIMIT 1),
                   coalesce((SELECT array_agg(d.code) FROM cl_external_encounter_diagnoses d
                     WHERE d.organization_id = e.organization_id AND d.encounter_id = e.id), '{}')
            FROM cl_external_encounters e
            WHERE e.status = 'finished' AND e.end_date >= \(from.description)::date AND e.start_date <= \(through.description)::date
            """, valueSets: valueSets, in: tx)
        for try await (patient, date) in try await tx.query("""
            SELECT DISTINCT a.patient_id, to_char(s.session_date, 'YYYY-MM-DD')
            FROM cl_group_attendance a
            JOIN cl_group_sessions s ON s.organization_id = a.organization_id AND s.id = a.session_id
            WHERE a.patient_id IS NOT NULL AND a.attendance_status IN ('ATTENDED', 'LATE')
              AND s.session_date BETWEEN \(from.description)::date AND \(through.description)::date
            """).decode((UUID, String).self) {
            guard let date = ServiceDate(date) else { continue }
            encounters.append(QualityEncounter(patientID: patient, kind: .practiceGroup, start: date))
        }
        encounters += try await SubstanceUseTreatmentEvents.load(from: from, through: through, valueSets: valueSets, in: tx)
        let patients = Array(Set(encounters.map(\.patientID)))
        let birthDates = try await PatientRecordLookup.birthDates(patients, in: tx)
        return QualityPeriodData(encounters: encounters, birthDates: birthDates)
    }
}
