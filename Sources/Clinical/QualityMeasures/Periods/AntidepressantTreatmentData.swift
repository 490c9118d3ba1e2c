public import Foundation
public import Platform
import PostgresNIO

/// AMM's inputs read in two set-based statements (no query per patient): the antidepressant
/// dispensings of the intake period and the windows around it, and the spans of encounters with a
/// major-depression diagnosis (found by the exact codes in use, from the diagnoses alone: the code
/// index covers the patient and dates each carries); then the birth dates of the patients dispensed to.
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
        try await load(period, codes: try await ValueSetCodesInUse.load(valueSets, in: tx), in: tx)
    }

    /// The same, with the value sets already narrowed to the codes in use (as a period's computation has them).
    public static func load(_ period: MeasurementPeriod, codes: ValueSetCodesInUse, in tx: TenantTransaction) async throws -> AntidepressantTreatmentData {
        let intake = AntidepressantMedicationManagement.intakePeriod(for: period)
        return try await load(dispensedFrom: intake.lowerBound.adding(days: -AntidepressantMedicationManagement.negativeHistoryDays)!,
                              through: intake.upperBound.adding(days: AntidepressantMedicationManagement.continuationPhase.lastDay)!,
                              diagnosedFrom: intake.lowerBound.adding(days: -AntidepressantMedicationManagement.diagnosisDays)!,
                              through: intake.upperBound.adding(days: AntidepressantMedicationManagement.diagnosisDays)!,
                              codes: codes, in: tx)
    }

    static func load(dispensedFrom: ServiceDate, through dispensedThrough: ServiceDate, diagnosedFrom: ServiceDate,
                     through diagnosedThrough: ServiceDate, codes: ValueSetCodesInUse, in tx: TenantTransaction) async throws -> AntidepressantTreatmentData {
        try await PeriodStatementSettings.withLargeReads(in: tx) {
            try await read(dispensedFrom: dispensedFrom, through: dispensedThrough, diagnosedFrom: diagnosedFrom, through: diagnosedThrough,
                           codes: codes, in: tx)
        }
    }

    private static func read(dispensedFrom: ServiceDate, through dispensedThrough: ServiceDate, diagnosedFrom: ServiceDate,
                             through diagnosedThrough: ServiceDate, codes: ValueSetCodesInUse, in tx: TenantTransaction) async throws -> AntidepressantTreatmentData {
        let medications = Array(codes.valueSets[.antidepressantMedication].members)
        var dispensings: [UUID: [AntidepressantMedicationManagement.Dispensing]] = [:]
        // One row per patient with its dispensings as one array, so a million dispensings decode
        // as a hundred thousand rows of one array each: every dispensing is one packed int8 (see
        // `DispensingBits`), sorted once. A dispensing without days' supply still starts treatment
        // and breaks a negative history; it covers no days.
        for try await (patient, packed) in try await tx.query("""
            SELECT e.patient_id,
                   array_agg(((e.event_date - DATE '1970-01-01')::int8 << \(DispensingBits.dayShift)::int)
                             | (coalesce(e.days_supply, 0)::int8 << \(DispensingBits.supplyShift)::int) | v.position ORDER BY e.event_date)
            FROM cl_external_treatment_events e
            JOIN unnest(\(medications.map(\.system.rawValue))::text[], \(medications.map(\.code))::text[]) WITH ORDINALITY AS v(code_system, code, position)
              ON v.code_system = e.code_system AND v.code = cl_quality_code(e.code_system, e.code)
            WHERE e.resource_type = 'MedicationDispense' AND e.status = 'completed'
              AND e.event_date BETWEEN \(dispensedFrom.description)::date AND \(dispensedThrough.description)::date
            GROUP BY e.patient_id
            """).decode((UUID, [Int64]).self) {
            var own: [AntidepressantMedicationManagement.Dispensing] = []
            own.reserveCapacity(packed.count)
            for value in packed {
                let fields = DispensingBits(value)
                guard let date = ServiceDate(dayNumber: fields.day), medications.indices.contains(fields.position - 1) else { continue }
                own.append(.init(patientID: patient, date: date, daysSupply: fields.daysSupply, medication: medications[fields.position - 1].code))
            }
            dispensings[patient] = own
        }
        var depression: [UUID: [ClosedRange<Int>]] = [:]
        let depressionCodes = codes.codes(.majorDepression)
        if !depressionCodes.isEmpty {
            for try await (patient, start, end) in try await tx.query("""
                SELECT DISTINCT d.patient_id, (d.start_date - DATE '1970-01-01')::int, (d.end_date - DATE '1970-01-01')::int
                FROM cl_external_encounter_diagnoses d
                WHERE d.status = 'finished' AND d.code = ANY(\(depressionCodes)::text[])
                  AND d.end_date >= \(diagnosedFrom.description)::date AND d.start_date <= \(diagnosedThrough.description)::date
                """).decode((UUID, Int, Int).self) {
                depression[patient, default: []].append(start...max(start, end))
            }
        }
        let birthDates = try await PatientRecordLookup.birthDates(Array(dispensings.keys), in: tx)
        return AntidepressantTreatmentData(byPatient: dispensings, depression: depression, birthDates: birthDates)
    }

    /// The acute and continuation phase results for `period`.
    public func results(for period: MeasurementPeriod) -> [IndicatorResult] {
        AntidepressantMedicationManagement.results(byPatient: dispensings, depression: depression, birthDates: birthDates, period: period)
    }
}

/// One dispensing as AMM's read packs it into an int8: the day number in the high 32 bits, the
/// days' supply (at most 365, a column check) in the next 9, and the medication's 1-based position
/// in the value set in the low 23 (value sets are far smaller than 8 million codes).
struct DispensingBits {
    static let dayShift = 32
    static let supplyShift = 23
    let day: Int
    let daysSupply: Int
    let position: Int

    init(_ packed: Int64) {
        day = Int(packed >> Int64(Self.dayShift))
        daysSupply = Int((packed >> Int64(Self.supplyShift)) & 0x1FF)
        position = Int(packed & 0x7F_FFFF)
    }
}
