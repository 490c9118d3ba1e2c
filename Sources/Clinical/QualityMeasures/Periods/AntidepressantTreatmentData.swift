public import Foundation
public import Platform
import PostgresNIO

/// AMM's inputs read in two set-based statements (no query per patient): the antidepressant
/// dispensings of the intake period and the windows around it, and the spans of encounters with a
/// major-depression diagnosis; then the birth dates of the patients dispensed to.
public struct AntidepressantTreatmentData: Sendable {
    /// Each patient's dispensings, by date.
    public let dispensings: [UUID: [AntidepressantMedicationManagement.Dispensing]]
    public let depression: [UUID: [ClosedRange<Int>]]
    public let birthDates: [UUID: ServiceDate]

    public init(dispensings: [AntidepressantMedicationManagement.Dispensing], depression: [UUID: [ClosedRange<Int>]], birthDates: [UUID: ServiceDate]) {
        self.init(byPatient: Dictionary(grouping: dispensings, by: \.patientID), depression: depression, birthDates: birthDates)
    }

    init(byPatient: [UUID: [AntidepressantMedicationManagement.Dispensing]], depression: [UUID: [ClosedRange<Int>]], birthDates: [UUID: ServiceDate]) {
        self.dispensings = byPatient
        self.depression = depression
        self.birthDates = birthDates
    }

    /// Everything AMM reads for `period`: dispensings from 105 days before the intake period to
    /// 231 days after it, diagnoses from 60 days before it to 60 days after.
    public static func load(_ period: MeasurementPeriod, valueSets: QualityValueSets, in tx: TenantTransaction) async throws -> AntidepressantTreatmentData {
        let intake = AntidepressantMedicationManagement.intakePeriod(for: period)
        return try await load(dispensedFrom: intake.lowerBound.adding(days: -AntidepressantMedicationManagement.negativeHistoryDays)!,
                              through: intake.upperBound.adding(days: AntidepressantMedicationManagement.continuationPhase.lastDay)!,
                              diagnosedFrom: intake.lowerBound.adding(days: -AntidepressantMedicationManagement.diagnosisDays)!,
                              through: intake.upperBound.adding(days: AntidepressantMedicationManagement.diagnosisDays)!,
                              valueSets: valueSets, in: tx)
    }

    static func load(dispensedFrom: ServiceDate, through dispensedThrough: ServiceDate, diagnosedFrom: ServiceDate,
                     through diagnosedThrough: ServiceDate, valueSets: QualityValueSets, in tx: TenantTransaction) async throws -> AntidepressantTreatmentData {
        let medications = Array(valueSets[.antidepressantMedication].members)
        var dispensings: [UUID: [AntidepressantMedicationManagement.Dispensing]] = [:]
        // One row per patient with its dispensings as arrays (day, supply, which code of the list),
        // so a million dispensings decode as a hundred thousand rows. A dispensing without days'
        // supply still starts treatment and breaks a negative history; it covers no days.
        for try await (patient, days, supplies, codes) in try await tx.query("""
            SELECT e.patient_id, array_agg((e.event_date - DATE '1970-01-01')::int4 ORDER BY e.event_date),
                   array_agg(coalesce(e.days_supply, 0)::int4 ORDER BY e.event_date), array_agg(v.position::int4 ORDER BY e.event_date)
            FROM cl_external_treatment_events e
            JOIN unnest(\(medications.map(\.system.rawValue))::text[], \(medications.map(\.code))::text[]) WITH ORDINALITY AS v(code_system, code, position)
              ON v.code_system = e.code_system AND v.code = cl_quality_code(e.code_system, e.code)
            WHERE e.resource_type = 'MedicationDispense' AND e.status = 'completed'
              AND e.event_date BETWEEN \(dispensedFrom.description)::date AND \(dispensedThrough.description)::date
            GROUP BY e.patient_id
            """).decode((UUID, [Int32], [Int32], [Int32]).self) {
            var own: [AntidepressantMedicationManagement.Dispensing] = []
            own.reserveCapacity(days.count)
            for index in days.indices {
                guard let date = ServiceDate(dayNumber: Int(days[index])) else { continue }
                own.append(.init(patientID: patient, date: date, daysSupply: Int(supplies[index]), medication: medications[Int(codes[index]) - 1].code))
            }
            dispensings[patient] = own
        }
        var depression: [UUID: [ClosedRange<Int>]] = [:]
        let prefixes = valueSets[.majorDepression].codes.map { $0 + "%" }
        for try await (patient, start, end) in try await tx.query("""
            SELECT DISTINCT e.patient_id, (e.start_date - DATE '1970-01-01')::int, (e.end_date - DATE '1970-01-01')::int
            FROM cl_external_encounters e
            JOIN cl_external_encounter_diagnoses d ON d.organization_id = e.organization_id AND d.encounter_id = e.id
            WHERE e.status = 'finished' AND d.code LIKE ANY(\(prefixes)::text[])
              AND e.end_date >= \(diagnosedFrom.description)::date AND e.start_date <= \(diagnosedThrough.description)::date
            """).decode((UUID, Int, Int).self) {
            depression[patient, default: []].append(start...max(start, end))
        }
        let birthDates = try await PatientRecordLookup.birthDates(Array(dispensings.keys), in: tx)
        return AntidepressantTreatmentData(byPatient: dispensings, depression: depression, birthDates: birthDates)
    }

    /// The acute and continuation phase results for `period`.
    public func results(for period: MeasurementPeriod) -> [IndicatorResult] {
        AntidepressantMedicationManagement.results(byPatient: dispensings, depression: depression, birthDates: birthDates, period: period)
    }
}
