import Foundation
public import Platform
import PostgresNIO

/// IET's imported treatment events in one set-based statement: completed procedures, dispensings
/// and administrations whose code is in SUD Treatment Procedure, SUD Medication or Long-Acting SUD
/// Medication, as `QualityEncounter`s of the matching kind (one per patient, day and kind).
public enum SubstanceUseTreatmentEvents {
    static let kinds: [(ValueSetName, QualityEncounter.Kind)] = [
        (.sudTreatmentProcedure, .sudProcedure), (.sudMedication, .sudMedication), (.longActingSudMedication, .longActingSudMedication),
    ]

    /// The events from `from` through `through`.
    public static func load(from: ServiceDate, through: ServiceDate, valueSets: QualityValueSets, in tx: TenantTransaction) async throws -> [QualityEncounter] {
        let codes = kinds.flatMap { name, kind in valueSets[name].members.map { (kind.rawValue, $0) } }
        var events: [QualityEncounter] = []
        for try await (patient, day, kind) in try await tx.query("""
            SELECT DISTINCT e.patient_id, (e.event_date - DATE '1970-01-01')::int, v.kind
            FROM cl_external_treatment_events e
            JOIN unnest(\(codes.map(\.0))::text[], \(codes.map(\.1.system.rawValue))::text[], \(codes.map(\.1.code))::text[])
                 AS v(kind, code_system, code)
              ON v.code_system = e.code_system AND v.code = cl_quality_code(e.code_system, e.code)
            WHERE e.status = 'completed' AND e.resource_type IN ('Procedure', 'MedicationDispense', 'MedicationAdministration')
              AND e.event_date BETWEEN \(from.description)::date AND \(through.description)::date
            """).decode((UUID, Int, String).self) {
            guard let date = ServiceDate(dayNumber: day), let kind = QualityEncounter.Kind(rawValue: kind) else { continue }
            events.append(QualityEncounter(patientID: patient, kind: kind, start: date))
        }
        return events
    }
}
