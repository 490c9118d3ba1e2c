import Foundation
import Clinical
import Platform
import PostgresNIO

/// AMM's data for a benchmark organization whose patients are `md5('patient-' || n)::uuid`:
/// antidepressant dispensings (RxNorm codes of the product's default list) ten per treated patient
/// about a month apart, starting in the intake period of `period`, and for nine patients in ten an
/// outpatient visit for major depression on the first dispensing's day. Every fourth treated patient
/// refills late (some gaps), every seventh had a dispensing 60 days before (no negative history);
/// of every five, one pauses four months after the fourth fill (acute phase only) and one two
/// months after the second (neither phase).
/// Written by `generate_series`, so a million dispensings take seconds.
enum AntidepressantBenchmarkData {
    static let fillsPerPatient = 10

    static func load(dispensings: Int, patients: Int, period: MeasurementPeriod, in tx: TenantTransaction) async throws {
        guard dispensings > 0, patients > 0 else { return }
        let treated = max(1, min(patients, dispensings / fillsPerPatient))
        let intake = AntidepressantMedicationManagement.intakePeriod(for: period)
        let days = intake.upperBound.dayNumber - intake.lowerBound.dayNumber + 1
        let start = "(DATE '\(intake.lowerBound.description)' + ((p * 37) % \(days))::int)"
        // Fill i of patient p: 30 days' supply, every 30 days, 4–12 days late for every fourth patient
        // (gaps), else 0–4 days early (overlaps, laid end to end); fill 0 of every seventh patient
        // is the earlier dispensing that breaks the negative history.
        try await tx.query(PostgresQuery(unsafeSQL: """
            INSERT INTO cl_external_treatment_events (organization_id, id, resource_type, source_system, source_id, patient_id, status,
                                                      event_date, code_system, code, days_supply, content_digest)
            SELECT '\(tx.organizationID)', md5('rx-' || n)::uuid, 'MedicationDispense', 'bench-pharmacy', 'rx-' || n,
                   md5('patient-' || p)::uuid, 'completed',
                   CASE WHEN i = 0 AND p % 7 = 0 THEN \(start) - 60
                        ELSE \(start) + (i * 30 + CASE WHEN p % 4 = 0 THEN 4 + (hashint8(n) & 7) ELSE -(hashint8(n) & 3) END
                                          + CASE WHEN p % 5 = 1 AND i >= 4 THEN 120 WHEN p % 5 = 2 AND i >= 2 THEN 60 ELSE 0 END)::int END,
                   'RXNORM', (ARRAY['36437','4493','321988','42347'])[1 + p % 4], 30, 'bench'
            FROM generate_series(0::bigint, \(dispensings - 1)) AS n,
                 LATERAL (SELECT (n / \(fillsPerPatient)) % \(treated) AS p, n % \(fillsPerPatient) AS i) AS f
            """))
        try await tx.query(PostgresQuery(unsafeSQL: """
            INSERT INTO cl_external_encounters (organization_id, id, source_system, source_id, patient_id, kind, status, start_date, end_date, content_digest)
            SELECT '\(tx.organizationID)', md5('dep-' || p)::uuid, 'bench-hie', 'dep-' || p, md5('patient-' || p)::uuid,
                   'outpatient', 'finished', \(start), \(start), 'bench'
            FROM generate_series(0::bigint, \(treated - 1)) AS p WHERE p % 10 <> 9
            """))
        try await tx.query(PostgresQuery(unsafeSQL: """
            INSERT INTO cl_external_encounter_diagnoses (organization_id, encounter_id, code, is_principal, patient_id, kind, status, start_date, end_date)
            SELECT e.organization_id, e.id, 'F321', true, e.patient_id, e.kind, e.status, e.start_date, e.end_date
            FROM generate_series(0::bigint, \(treated - 1)) AS p
            JOIN cl_external_encounters e ON e.organization_id = '\(tx.organizationID)'::uuid AND e.id = md5('dep-' || p)::uuid
            WHERE p % 10 <> 9
            """))
    }
}
