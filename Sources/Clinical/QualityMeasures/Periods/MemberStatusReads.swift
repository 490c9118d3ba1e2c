import Foundation
import Platform
import PostgresNIO

/// What can exclude the patients of a period's events: hospice evidence and deaths in the period
/// (Clinical's imports), and coverage on file (Practice Management's, through the integration layer).
enum MemberStatusReads {
    static func load(_ patients: some Collection<UUID>, period: MeasurementPeriod, in tx: TenantTransaction) async throws -> [UUID: MemberStatus] {
        guard !patients.isEmpty else { return [:] }
        let ids = Array(patients)
        var members: [UUID: MemberStatus] = [:]
        let hospice = HospiceCodes.stored
        for try await (patient, reason, date) in try await tx.query("""
            SELECT patient_id, CASE discharge_disposition WHEN 'exp' THEN 'death' ELSE 'hospice' END, to_char(end_date, 'YYYY-MM-DD')
            FROM cl_external_encounters
            WHERE patient_id = ANY(\(ids)) AND discharge_disposition IN ('exp', 'hosp') AND status = 'finished'
              AND end_date BETWEEN \(period.start.description)::date AND \(period.end.description)::date
            UNION ALL
            SELECT t.patient_id, 'hospice', to_char(t.event_date, 'YYYY-MM-DD')
            FROM cl_external_treatment_events t
            JOIN unnest(\(hospice.map(\.system.rawValue))::text[], \(hospice.map(\.code))::text[]) AS h(code_system, code)
              ON h.code_system = t.code_system AND h.code = t.code
            WHERE t.patient_id = ANY(\(ids)) AND t.resource_type = 'Procedure' AND t.status = 'completed'
              AND t.event_date BETWEEN \(period.start.description)::date AND \(period.end.description)::date
            """).decode((UUID, String, String).self) {
            guard let day = ServiceDate(date) else { continue }
            if reason == "death" {
                members[patient, default: .unknown].deathDate = min(members[patient]?.deathDate ?? day, day)
            } else {
                members[patient, default: .unknown].hospiceDates.append(day)
            }
        }
        for (patient, spans) in try await PatientRecordLookup.coverageSpans(ids, in: tx) {
            members[patient, default: .unknown].coverage = spans.map { CoverageSpan(from: $0.from, through: $0.through) }
        }
        return members
    }
}
