public import Foundation
public import Platform
import PostgresNIO

/// A period's inputs read from Clinical's own tables in set-based statements: imported encounters
/// (with their diagnoses classified by the organization's value sets), the practice's attended
/// group sessions as visits, imported SUD treatment procedures and medication events, the roster
/// counts of the group attendance rate, and AMM's dispensings (`AntidepressantTreatmentData`).
public struct QualityPeriodData: Sendable {
    public let encounters: [QualityEncounter]
    public let birthDates: [UUID: ServiceDate]
    public let rosteredRows: Int
    public let billableRows: Int
    public let importedEncounterCount: Int
    public let practiceVisitCount: Int
    /// AMM's inputs; nil for the care-gap reads, which need only the last days' encounters.
    public let antidepressants: AntidepressantTreatmentData?

    /// IET looks back 194 days before an episode; every other window lies inside the period.
    static let lookBackDays = SubstanceUseTreatment.negativeHistoryDays

    public static func load(_ period: MeasurementPeriod, valueSets: QualityValueSets, in tx: TenantTransaction) async throws -> QualityPeriodData {
        let from = period.start.adding(days: -lookBackDays) ?? period.start
        let data = try await load(from: from, through: period.end, rosterPeriod: period, valueSets: valueSets, in: tx)
        return QualityPeriodData(encounters: data.encounters, birthDates: data.birthDates, rosteredRows: data.rosteredRows,
                                 billableRows: data.billableRows, importedEncounterCount: data.importedEncounterCount,
                                 practiceVisitCount: data.practiceVisitCount,
                                 antidepressants: try await AntidepressantTreatmentData.load(period, valueSets: valueSets, in: tx))
    }

    static func load(from: ServiceDate, through: ServiceDate, rosterPeriod: MeasurementPeriod?, valueSets: QualityValueSets,
                     in tx: TenantTransaction) async throws -> QualityPeriodData {
        var encounters: [QualityEncounter] = []
        var imported = 0
        for try await (patient, kind, start, end, principal, codes) in try await tx.query("""
            SELECT e.patient_id, e.kind, to_char(e.start_date, 'YYYY-MM-DD'), to_char(e.end_date, 'YYYY-MM-DD'),
                   (SELECT d.code FROM cl_external_encounter_diagnoses d
                     WHERE d.organization_id = e.organization_id AND d.encounter_id = e.id AND d.is_principal LIMIT 1),
                   coalesce((SELECT array_agg(d.code) FROM cl_external_encounter_diagnoses d
                     WHERE d.organization_id = e.organization_id AND d.encounter_id = e.id), '{}')
            FROM cl_external_encounters e
            WHERE e.status = 'finished' AND e.end_date >= \(from.description)::date AND e.start_date <= \(through.description)::date
            """).decode((UUID, String, String, String, String?, [String]).self) {
            guard let kind = QualityEncounter.Kind(rawValue: kind), let start = ServiceDate(start), let end = ServiceDate(end) else { continue }
            imported += 1
            encounters.append(QualityEncounter(patientID: patient, kind: kind, start: start, end: end,
                                               diagnoses: valueSets.classify(principal: principal, all: codes)))
        }
        var practiceVisits = 0
        for try await (patient, date) in try await tx.query("""
            SELECT DISTINCT a.patient_id, to_char(s.session_date, 'YYYY-MM-DD')
            FROM cl_group_attendance a
            JOIN cl_group_sessions s ON s.organization_id = a.organization_id AND s.id = a.session_id
            WHERE a.patient_id IS NOT NULL AND a.attendance_status IN ('ATTENDED', 'LATE')
              AND s.session_date BETWEEN \(from.description)::date AND \(through.description)::date
            """).decode((UUID, String).self) {
            guard let date = ServiceDate(date) else { continue }
            practiceVisits += 1
            encounters.append(QualityEncounter(patientID: patient, kind: .practiceGroup, start: date))
        }
        encounters += try await SubstanceUseTreatmentEvents.load(from: from, through: through, valueSets: valueSets, in: tx)
        var rostered = 0, billable = 0
        if let rosterPeriod {
            let statuses = AttendanceStatus.allCases.filter(\.isBillable).map(\.rawValue)
            let row = try await tx.rows("""
                SELECT count(*)::int, (count(*) FILTER (WHERE a.attendance_status = ANY(\(statuses))))::int
                FROM cl_group_attendance a
                JOIN cl_group_sessions s ON s.organization_id = a.organization_id AND s.id = a.session_id
                WHERE a.patient_id IS NOT NULL
                  AND s.session_date BETWEEN \(rosterPeriod.start.description)::date AND \(rosterPeriod.end.description)::date
                """).first
            (rostered, billable) = try row?.decode((Int, Int).self) ?? (0, 0)
        }
        let patients = Array(Set(encounters.map(\.patientID)))
        let birthDates = try await PatientRecordLookup.birthDates(patients, in: tx)
        return QualityPeriodData(encounters: encounters, birthDates: birthDates, rosteredRows: rostered, billableRows: billable,
                                 importedEncounterCount: imported, practiceVisitCount: practiceVisits, antidepressants: nil)
    }

    /// Every indicator's counts for `period`.
    public func results(for period: MeasurementPeriod) -> [IndicatorResult] {
        QualityMeasureCalculation.indicators(encounters: encounters, birthDates: birthDates, period: period)
            + (antidepressants?.results(for: period) ?? [])
            + [GroupAttendanceRate.result(rostered: rosteredRows, billable: billableRows)]
    }
}
