import Foundation
import Logging
import Platform
import PostgresNIO

/// The organization the group benchmarks work on: one Arizona facility, a payer with a supervision
/// rule and three group-size bands, a procedure code for the group type, 2,000 covered patients,
/// and N sessions (today, unless `date` says otherwise) of `rosterSizes` participants each, all in
/// `status`, written set-wise so loading takes seconds, not minutes.
enum AttendanceBenchmarkData {
    static let patients = 2_000

    static func load(sessions: Int, date: String? = nil, rosterSizes: ClosedRange<Int> = 8...12, status: AttendanceStatus = .scheduled,
                     database: Database, owner: PostgresClient, logger: Logger) async throws -> (token: String, rosters: [AttendanceLoad.Roster]) {
        let organization = try await Organizations.create(name: "Attendance bench", slug: "bench-attendance-\(UInt32.random(in: 0...UInt32.max))", database: database)
        let today = date ?? ServiceDate.today(in: TimeZone(identifier: "America/Phoenix")!).description
        let rosters = try await database.withTenant(organization) { tx in
            let site = try await Organizations.createSite(name: "Bench site", in: tx)
            let facility = try await Organizations.createFacility(siteID: site, name: "Bench facility", stateCode: "AZ", timeZone: "America/Phoenix", by: nil, in: tx)
            let payer = UUID.random()
            try await tx.query("INSERT INTO pm_payers (organization_id, id, name, payer_code) VALUES (\(organization), \(payer), 'Bench Medicaid', 'BENCH')")
            try await tx.query("""
                INSERT INTO pm_supervision_rules (organization_id, id, payer_id, state_code, max_participants_per_supervisor)
                VALUES (\(organization), gen_random_uuid(), \(payer), 'AZ', 6)
                """)
            try await tx.query("""
                INSERT INTO pm_group_size_bands (organization_id, id, payer_id, state_code, min_participants, max_participants, unit_rate_cents)
                VALUES (\(organization), gen_random_uuid(), \(payer), 'AZ', 2, 5, 2400), (\(organization), gen_random_uuid(), \(payer), 'AZ', 7, 10, 1900),
                       (\(organization), gen_random_uuid(), \(payer), 'AZ', 11, 12, 1600)
                """)
            try await tx.query("""
                INSERT INTO pm_service_code_mappings (organization_id, id, service_type, procedure_code, effective_from)
                VALUES (\(organization), gen_random_uuid(), 'process_group', '90853', DATE '2025-01-01')
                """)
            try await tx.query("""
                INSERT INTO pm_patients (organization_id, id, mrn, given_name, family_name, date_of_birth)
                SELECT \(organization), gen_random_uuid(), 'B-' || lpad(n::text, 5, '0'), 'Bench', 'Patient ' || n, DATE '1980-01-01' + n::int
                FROM generate_series(0, \(patients - 1)) AS n
                """)
            try await tx.query("""
                INSERT INTO pm_coverages (organization_id, id, patient_id, payer_id, member_id, priority, effective_from)
                SELECT \(organization), gen_random_uuid(), id, \(payer), 'M' || mrn, 1, DATE '2025-01-01' FROM pm_patients
                """)
            try await tx.query("""
                INSERT INTO cl_group_sessions (organization_id, id, facility_id, group_type, session_date, actual_start_time, actual_end_time, topic)
                SELECT \(organization), gen_random_uuid(), \(facility.id), 'process_group', \(today)::date, TIME '09:00', TIME '10:30', 'Bench ' || n
                FROM generate_series(1, \(sessions)) AS n
                """)
            // Session n takes low + n % (high - low + 1) participants from a window of the patient list.
            try await tx.query("""
                WITH s AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM cl_group_sessions),
                     p AS (SELECT id, row_number() OVER (ORDER BY mrn) - 1 AS k FROM pm_patients)
                INSERT INTO cl_group_attendance (organization_id, id, session_id, patient_id, attendance_status)
                SELECT \(organization), gen_random_uuid(), s.id, p.id, \(status.rawValue)
                FROM s CROSS JOIN generate_series(0, \(rosterSizes.upperBound - 1)) AS g(i)
                JOIN p ON p.k = (s.n * 13 + g.i) % \(patients)
                WHERE g.i < \(rosterSizes.lowerBound) + s.n % \(rosterSizes.count)
                """)
            var rows: [UUID: [UUID]] = [:]
            for try await (session, row) in try await tx.query("SELECT session_id, id FROM cl_group_attendance ORDER BY session_id, id").decode((UUID, UUID).self) {
                rows[session, default: []].append(row)
            }
            return rows.map { AttendanceLoad.Roster(sessionID: $0.key, rows: $0.value) }.sorted { $0.sessionID.uuidString < $1.sessionID.uuidString }
        }
        let minted = try await owner.withConnection { connection in
            try await ApiTokens.create(organizationID: organization, name: "bench attendance", scopes: [.groupSessionRead, .attendanceWrite],
                                       userID: nil, lifetime: .seconds(3_600), on: connection, logger: logger)
        }
        return (minted.secret, rosters)
    }
}
