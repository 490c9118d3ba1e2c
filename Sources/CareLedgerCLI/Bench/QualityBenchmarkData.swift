import Clinical
import Foundation
import Logging
import Platform
import PostgresNIO

/// The organization `bench quality` measures: patients, inpatient discharges, ED visits and
/// outpatient visits elsewhere with their ICD-10-CM conditions, and the practice's own group
/// sessions, over the measurement year 2025 and the IET look-back before it. Everything is
/// written by `generate_series` with deterministic ids (`md5(…)::uuid`), so no statement needs
/// another's results and loading takes seconds per million rows.
struct QualityBenchmarkData {
    var patients = 200_000
    var discharges = 50_000
    var emergencyVisits = 50_000
    var visits = 2_000_000
    var sessions = 10_000

    static let period = MeasurementPeriod.year(2025)
    /// Practice group sessions seat this many patients each.
    static let rosterSize = 10

    /// Principal diagnoses by a row's class (0–9): mostly mental illness, some substance use,
    /// some neither, so every measure has both members and non-members.
    static let stayCodes = "ARRAY['F321','F332','F209','F411','F4310','F319','F250','F603','F1020','I10']"
    static let visitCodes = "ARRAY['F411','F329','F4310','F909','F840','F1120','Z0000','I10','E119','J069']"
    static let secondaryCodes = "ARRAY['F1010','Z9181','F430','E785','F1510','Z590','F331','R45851','F1220','Z7189']"

    /// Loads everything into a new organization and returns its id.
    func load(database: Database) async throws -> UUID {
        let organization = try await Organizations.create(name: "Quality bench", slug: "bench-quality-\(UInt32.random(in: 0...UInt32.max))", database: database)
        let (patients, discharges, emergencyVisits, visits, sessions) = (patients, discharges, emergencyVisits, visits, sessions)
        try await database.withTenant(organization) { tx in
            let site = try await Organizations.createSite(name: "Bench site", in: tx)
            let facility = try await Organizations.createFacility(siteID: site, name: "Bench facility", stateCode: "AZ", timeZone: "America/Phoenix", by: nil, in: tx)
            // Birth dates from 1950 to 2018: some children are below FUH's and IET's age limits.
            try await tx.query("""
                INSERT INTO pm_patients (organization_id, id, mrn, given_name, family_name, date_of_birth)
                SELECT \(organization), md5('patient-' || n)::uuid, 'Q-' || lpad(n::text, 7, '0'), 'Bench', 'Patient ' || n, DATE '1950-01-01' + ((n * 97) % 25000)::int
                FROM generate_series(0, \(patients - 1)) AS n
                """)
            // Discharges go to a fifth of the patients, two at a time 23 days apart (the second a
            // readmission within 30 days); ED visits to a quarter, two at a time 19 days apart (the
            // second inside the first's 31-day window). Stays last 0–6 days.
            try await Self.encounters(kind: "inpatient", prefix: "ip", count: discharges, patient: "(n / 2 * 7919) % \(max(1, patients / 5))",
                                      endDate: "DATE '2024-12-01' + ((n * 23) % 425)::int", length: "(n % 7)::int", codes: Self.stayCodes, in: tx)
            try await Self.encounters(kind: "emergency", prefix: "ed", count: emergencyVisits,
                                      patient: "\(patients / 4) + (n / 2 * 104729) % \(max(1, patients / 4))",
                                      endDate: "DATE '2024-12-01' + ((n * 19) % 425)::int", length: "0", codes: Self.stayCodes, in: tx)
            // Each patient's visits spread over 560 days from the IET look-back to past the year, one per 56-day slot.
            try await Self.encounters(kind: "outpatient", prefix: "op", count: visits, patient: "n % \(patients)",
                                      endDate: "DATE '2024-06-21' + ((n / \(patients)) % 10 * 56 + (n * 31) % 56)::int", length: "0",
                                      codes: Self.visitCodes, in: tx)
            try await tx.query("""
                INSERT INTO cl_group_sessions (organization_id, id, facility_id, group_type, session_date, actual_start_time, actual_end_time, topic)
                SELECT \(organization), md5('session-' || n)::uuid, \(facility.id), 'process_group', DATE '2025-01-01' + (n % 365)::int, TIME '09:00', TIME '10:30', 'Bench ' || n
                FROM generate_series(0, \(sessions - 1)) AS n
                """)
            // Seven in ten ATTENDED, one LATE, two ABSENT.
            try await tx.query("""
                INSERT INTO cl_group_attendance (organization_id, id, session_id, patient_id, attendance_status)
                SELECT \(organization), md5('attendance-' || n || '-' || i)::uuid, md5('session-' || n)::uuid,
                       md5('patient-' || ((n * \(Self.rosterSize) + i) * 17) % \(patients))::uuid,
                       (ARRAY['ATTENDED','ATTENDED','ATTENDED','ATTENDED','ATTENDED','ATTENDED','ATTENDED','LATE','ABSENT','ABSENT'])[1 + (n + i) % 10]
                FROM generate_series(0, \(sessions - 1)) AS n CROSS JOIN generate_series(0, \(Self.rosterSize - 1)) AS i
                """)
        }
        return organization
    }

    /// `count` finished encounters of one kind, each with a principal diagnosis chosen by a hash of
    /// its number and, for one in three, a secondary one.
    static func encounters(kind: String, prefix: String, count: Int, patient: String, endDate: String, length: String, codes: String,
                           in tx: TenantTransaction) async throws {
        guard count > 0 else { return }
        try await tx.query(PostgresQuery(unsafeSQL: """
            INSERT INTO cl_external_encounters (organization_id, id, source_system, source_id, patient_id, kind, status, start_date, end_date, content_digest)
            SELECT '\(tx.organizationID)'::uuid, md5('\(prefix)-' || n)::uuid, 'bench-hie', '\(prefix)-' || n, md5('patient-' || \(patient))::uuid,
                   '\(kind)', 'finished', (\(endDate)) - (\(length)), \(endDate), 'bench'
            FROM generate_series(0::bigint, \(count - 1)) AS n
            """))
        try await tx.query(PostgresQuery(unsafeSQL: """
            INSERT INTO cl_external_encounter_diagnoses (organization_id, encounter_id, code, is_principal, patient_id, kind, status, start_date, end_date)
            SELECT e.organization_id, e.id, d.code, d.principal, e.patient_id, e.kind, e.status, e.start_date, e.end_date
            FROM (SELECT md5('\(prefix)-' || n)::uuid, (\(codes))[1 + (hashint8(n) & 1023) % 10], true
                  FROM generate_series(0::bigint, \(count - 1)) AS n
                  UNION ALL
                  SELECT md5('\(prefix)-' || n)::uuid, (\(secondaryCodes))[1 + (hashint8(n + 7) & 1023) % 10], false
                  FROM generate_series(0::bigint, \(count - 1), 3) AS n) AS d(encounter, code, principal)
            JOIN cl_external_encounters e ON e.organization_id = '\(tx.organizationID)'::uuid AND e.id = d.encounter
            """))
    }
}
