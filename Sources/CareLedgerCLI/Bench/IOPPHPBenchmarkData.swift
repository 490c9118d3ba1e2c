import Foundation
import Logging
import Platform
import PostgresNIO

/// The organization `bench iop-php` reports on: one site with four facilities, N patients, and
/// group sessions on every weekday of a run of weeks, each with a roster of M patients, written
/// set-wise (INSERT … SELECT over generate_series) so a million rows load in about a minute.
///
/// Session n falls on weekday n mod D (D = weeks × 5) in slot n div D; slot s seats patients
/// s×M … s×M+M−1 (mod N), so each patient keeps the same sessions every day, 90 or 180 minutes
/// long. About 5 % of rows are ABSENT and 5 % LATE, and every tenth patient also misses a third
/// of their sessions, so the report has weeks that meet PHP, IOP and neither.
enum IOPPHPBenchmarkData {
    /// The Monday the loaded weeks start on.
    static let firstMonday = ServiceDate(year: 2025, month: 1, day: 6)!

    struct Loaded: Sendable {
        let organizationID: UUID
        let attendanceRows: Int
    }

    static func load(sessions: Int, members: Int, patients: Int, weeks: Int, database: Database) async throws -> Loaded {
        let organization = try await Organizations.create(name: "IOP/PHP bench", slug: "bench-iop-php-\(UInt32.random(in: 0...UInt32.max))", database: database)
        let days = weeks * 5
        let rows = try await database.withTenant(organization) { tx in
            let site = try await Organizations.createSite(name: "Bench site", in: tx)
            var facilities: [UUID] = []
            for index in 1...4 {
                facilities.append(try await Organizations.createFacility(siteID: site, name: "Bench facility \(index)", stateCode: "AZ",
                                                                         timeZone: "America/Phoenix", by: nil, in: tx).id)
            }
            try await tx.query("""
                INSERT INTO pm_patients (organization_id, id, mrn, given_name, family_name, date_of_birth)
                SELECT \(organization), gen_random_uuid(), 'P-' || lpad(k::text, 6, '0'), 'Bench', 'Patient ' || k, DATE '1980-01-01' + k % 10000
                FROM generate_series(0, \(patients - 1)::int) AS k
                """)
            // The topic keeps n, so the roster insert below can find each session's slot.
            try await tx.query("""
                INSERT INTO cl_group_sessions (organization_id, id, facility_id, group_type, session_date, actual_start_time,
                                               actual_end_time, documentation_status, topic)
                SELECT \(organization), gen_random_uuid(), (\(facilities)::uuid[])[1 + n % 4], 'iop_group',
                       \(firstMonday.description)::date + ((n % \(days)::int) / 5) * 7 + (n % \(days)::int) % 5,
                       TIME '08:00' + ((n / \(days)) % 3) * INTERVAL '4 hours',
                       TIME '08:00' + ((n / \(days)) % 3) * INTERVAL '4 hours' + CASE WHEN (n / \(days)) % 2 = 0 THEN INTERVAL '90 minutes' ELSE INTERVAL '180 minutes' END,
                       'finalized', n::text
                FROM generate_series(0, \(sessions - 1)::int) AS n
                """)
            try await tx.query("""
                WITH p AS (SELECT id, row_number() OVER (ORDER BY mrn) - 1 AS k FROM pm_patients),
                     s AS (SELECT id, topic::int AS n FROM cl_group_sessions),
                     seat AS (SELECT s.id AS session_id, s.n, g.i, ((s.n / \(days)) * \(members) + g.i) % \(patients) AS k
                              FROM s CROSS JOIN generate_series(0, \(members - 1)::int) AS g(i))
                INSERT INTO cl_group_attendance (organization_id, id, session_id, patient_id, attendance_status)
                SELECT \(organization), gen_random_uuid(), seat.session_id, p.id,
                       CASE WHEN seat.k % 10 = 0 AND seat.n % 3 = 0 THEN 'ABSENT'
                            WHEN (seat.n * 7 + seat.i * 13) % 20 = 0 THEN 'ABSENT'
                            WHEN (seat.n * 7 + seat.i * 13) % 20 = 1 THEN 'LATE'
                            ELSE 'ATTENDED' END
                FROM seat JOIN p ON p.k = seat.k
                """)
            return try await tx.rows("SELECT count(*)::int FROM cl_group_attendance").first?.decode(Int.self) ?? 0
        }
        return Loaded(organizationID: organization, attendanceRows: rows)
    }
}
