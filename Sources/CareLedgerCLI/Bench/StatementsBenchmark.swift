import ArgumentParser
import Foundation
import Logging
import Platform
import PostgresNIO
import PracticeManagement

/// `careledger bench statements`: loads one organization with 50,000 patients and 1,000,000
/// self-pay charges (every patient counseled, a sliding-fee schedule, charity approvals), then
/// times the statement run (`PatientStatements.run`: tier and charity indicator per statement)
/// against a hand-written SQL floor that computes the same balances in one statement, in the same
/// run, and prints both and the ratio. Then it loads 1,000,000 charity applications and times the
/// charity indicator read for one patient, printing its plan to show the single index probe.
struct StatementsBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "statements", abstract: "The statement run over a large organization, against a SQL floor.")

    @OptionGroup var database: DatabaseOptions
    @Option(help: "Patients to load.") var patients: Int = 50_000
    @Option(help: "Self-pay charges to load, spread over the patients and January to March 2026.") var charges: Int = 1_000_000
    @Option(help: "Charity care applications to load for the indicator read.") var applications: Int = 1_000_000
    @Option(help: "Measured runs of each, after one warm-up run.") var runs: Int = 3

    func validate() throws {
        guard patients >= 1, charges >= 1, applications >= 1, runs >= 1 else { throw ValidationError("Every count is at least 1.") }
    }

    static let period = (from: ServiceDate(year: 2026, month: 3, day: 1)!, to: ServiceDate(year: 2026, month: 3, day: 31)!)
    static let now = ISO8601DateFormatter().date(from: "2026-04-15T18:00:00Z")!

    func run() async throws {
        let logger = makeLogger(level: .warning)
        let (patientCount, chargeCount, applicationCount, runCount) = (patients, charges, applications, runs)
        try await withDatabaseRuntime(database, logger: logger) { runtime in
            let settings = try await BenchDatabase.prepare(runtime, name: "careledger_bench_statements", logger: logger)
            let client = PostgresClient(configuration: settings.application, backgroundLogger: logger)
            let owner = PostgresClient(configuration: settings.owner, backgroundLogger: logger)
            try await owner.whileRunning { owner in try await client.whileRunning { client in
                let db = Database(client: client, logger: logger)
                let loadStarted = ContinuousClock.now
                let org = try await Self.load(patients: patientCount, charges: chargeCount, database: db, owner: owner, logger: logger)
                for table in ["pm_patients", "pm_charges", "pm_financial_counseling_sessions", "pm_charity_care_applications", "pm_patient_payments"] {
                    try await owner.query(PostgresQuery(unsafeSQL: "VACUUM (ANALYZE) \(table)"), logger: logger)
                }
                try await BenchDatabase.checkpoint(runtime, logger: logger)
                print("Loaded \(patientCount) patients and \(chargeCount) charges in \(String(format: "%.1f", (ContinuousClock.now - loadStarted).seconds)) s")

                var runSamples: [Int64] = [], floorSamples: [Int64] = []
                var statements: [PatientStatement] = []
                var floor: [UUID: Int] = [:]
                for run in 0...runCount {
                    let started = ContinuousClock.now
                    statements = try await db.withTenant(org) { tx in
                        try await PatientStatements.run(from: Self.period.from, to: Self.period.to, now: Self.now, in: tx)
                    }
                    let middle = ContinuousClock.now
                    floor = try await db.withTenant(org) { tx in try await Self.floorBalances(in: tx) }
                    if run > 0 {
                        runSamples.append((middle - started).nanoseconds)
                        floorSamples.append((ContinuousClock.now - middle).nanoseconds)
                    }
                }
                let mismatches = statements.filter { floor[$0.patientID] != $0.balanceCents }.count + max(0, floor.count - statements.count)
                let runMedian = Percentiles(runSamples).at(0.5), floorMedian = Percentiles(floorSamples).at(0.5)
                print("""
                    Statement run for \(Self.period.from) to \(Self.period.to): \(statements.count) statements with a balance \
                    (\(statements.filter { $0.charityIndicator }.count) with the charity indicator, \(statements.filter { $0.tier.tier != nil }.count) with a sliding-fee tier)
                    statement run (PatientStatements.run): median \(String(format: "%.0f", runMedian)) ms over \(runCount) runs
                    SQL floor (same balances, one statement): median \(String(format: "%.0f", floorMedian)) ms
                    ratio \(String(format: "%.2f", runMedian / max(floorMedian, 0.001)))× (target within 3× and under 30 s); balances differing from the floor: \(mismatches)
                    """)

                try await Self.loadApplications(applicationCount, sessions: patientCount, organization: org, owner: owner, logger: logger)
                try await owner.query("VACUUM (ANALYZE) pm_charity_care_applications", logger: logger)
                let patient = try await owner.query("SELECT id FROM pm_patients WHERE organization_id = \(org) ORDER BY id LIMIT 1", logger: logger)
                    .decode(UUID.self).reduce(into: [UUID]()) { $0.append($1) }[0]
                let today = ServiceDate(year: 2026, month: 4, day: 15)!
                var readSamples: [Int64] = []
                for run in 0...max(runCount, 20) {
                    let started = ContinuousClock.now
                    _ = try await db.withTenant(org) { tx in try await CharityIndicator.standing(patientID: patient, on: today, in: tx) }
                    if run > 0 { readSamples.append((ContinuousClock.now - started).nanoseconds) }
                }
                let plan = try await db.withTenant(org) { tx in
                    try await tx.query("""
                        EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT id, discount_percent, expiration_date FROM pm_charity_care_applications
                        WHERE patient_id = \(patient) AND approved_at IS NOT NULL AND expiration_date > \(today.description)::date
                        """).decode(String.self).reduce(into: [String]()) { $0.append($1) }
                }
                let total = try await owner.query("SELECT count(*)::int FROM pm_charity_care_applications", logger: logger).decode(Int.self)
                    .reduce(into: 0) { $0 = $1 }
                print("""
                    Charity indicator read for one patient over \(total) applications (transaction included): median \
                    \(String(format: "%.2f", Percentiles(readSamples).at(0.5))) ms, p95 \(String(format: "%.2f", Percentiles(readSamples).at(0.95))) ms
                    \(plan.map { "  " + $0 }.joined(separator: "\n"))
                    """)
            } }
        }
    }

    /// The floor: every patient's balance through the period's end in one hand-written statement,
    /// the same rules as `StatementLinePricing` and `AuthoritativeFPL`, with no Swift per line.
    static func floorBalances(in tx: TenantTransaction) async throws -> [UUID: Int] {
        var balances: [UUID: Int] = [:]
        for try await (patient, balance) in try await tx.query("""
            WITH fpl AS (
              SELECT DISTINCT ON (patient_id) patient_id, fpl_percentage FROM pm_financial_counseling_sessions
              ORDER BY patient_id, (income_verified_at IS NOT NULL) DESC, session_date DESC, income_verified_at DESC NULLS LAST, created_at DESC, id DESC
            ), charity AS (
              SELECT DISTINCT ON (patient_id) patient_id, discount_percent FROM pm_charity_care_applications
              WHERE approved_at IS NOT NULL AND expiration_date > '2026-04-15'::date ORDER BY patient_id, discount_percent DESC
            ), priced AS (
              SELECT c.patient_id, coalesce(c.amount_cents, 0) AS r, cl.discount_percent AS d, cl.nominal_fee_cents AS n, ch.discount_percent AS cd
              FROM pm_charges c
              LEFT JOIN fpl f ON f.patient_id = c.patient_id
              LEFT JOIN charity ch ON ch.patient_id = c.patient_id
              LEFT JOIN LATERAL (SELECT id FROM pm_sliding_fee_schedules s WHERE s.effective_from <= c.service_date ORDER BY s.effective_from DESC LIMIT 1) s ON true
              LEFT JOIN pm_sliding_fee_classes cl ON cl.schedule_id = s.id AND f.fpl_percentage BETWEEN cl.min_fpl AND cl.max_fpl
              WHERE c.status = 'active' AND c.payer_id IS NULL AND c.service_date <= '2026-03-31'::date
            ), adjusted AS (
              SELECT patient_id, r, CASE WHEN d IS NOT NULL THEN (r * d * 2 + 100) / 200 WHEN n IS NOT NULL THEN greatest(0, r - n) ELSE 0 END AS s, cd
              FROM priced
            ), due AS (
              SELECT patient_id, sum(r - s - coalesce(((r - s) * cd * 2 + 100) / 200, 0)) AS owed FROM adjusted GROUP BY patient_id
            )
            SELECT d.patient_id, (d.owed - coalesce((SELECT sum(amount_cents) FROM pm_patient_payments p
                                                     WHERE p.patient_id = d.patient_id AND p.received_on <= '2026-03-31'::date), 0))::bigint
            FROM due d
            """).decode((UUID, Int).self) where balance > 0 {
            balances[patient] = balance
        }
        return balances
    }

    /// Patients, one counseling session each (FPL spread over 0-300 %, most verified), the standard
    /// schedule, a 50 % charity approval for one patient in ten, a payment for one in five, and the charges.
    static func load(patients: Int, charges: Int, database: Database, owner: PostgresClient, logger: Logger) async throws -> UUID {
        let org = try await Organizations.create(name: "Statements bench", slug: "statements-bench", database: database)
        try await database.withTenant(org) { tx in
            let site = try await Organizations.createSite(name: "Bench site", in: tx)
            _ = try await Organizations.createFacility(siteID: site, name: "Bench clinic", stateCode: "AZ", timeZone: "America/Phoenix", by: nil, in: tx)
            try await SlidingFeeSchedules.save(.standard(effectiveFrom: ServiceDate(year: 2025, month: 1, day: 15)!), by: nil, in: tx)
        }
        try await owner.query("""
            INSERT INTO pm_patients (organization_id, id, mrn, given_name, family_name, date_of_birth)
            SELECT \(org), gen_random_uuid(), 'B-' || g, 'Bench', 'Patient ' || g, DATE '1980-01-01' + (g % 9000)::int FROM generate_series(1, \(patients)) g
            """, logger: logger)
        try await owner.query("""
            INSERT INTO pm_financial_counseling_sessions (organization_id, id, patient_id, session_date, household_size, annual_income_cents, guideline_year,
                guideline_region, fpl_percentage, income_verified_at, created_at)
            SELECT organization_id, gen_random_uuid(), id, DATE '2026-02-01', 1, 0, 2026, 'contiguous', ((hashtext(id::text) & 32767) % 30000) / 100.0,
                   CASE WHEN hashtext(id::text) % 4 <> 0 THEN TIMESTAMPTZ '2026-02-01 17:00Z' END, now()
            FROM pm_patients WHERE organization_id = \(org)
            """, logger: logger)
        try await owner.query("""
            INSERT INTO pm_charity_care_applications (organization_id, id, patient_id, session_id, status, approved_at, discount_percent, expiration_date)
            SELECT organization_id, gen_random_uuid(), patient_id, id, 'approved', TIMESTAMPTZ '2026-02-02 17:00Z', 50, DATE '2027-02-02'
            FROM pm_financial_counseling_sessions WHERE organization_id = \(org) AND hashtext(patient_id::text || 'c') % 10 = 0
            """, logger: logger)
        try await owner.query("""
            INSERT INTO pm_patient_payments (organization_id, id, patient_id, received_on, amount_cents, method)
            SELECT organization_id, gen_random_uuid(), id, DATE '2026-03-15', 2500, 'card' FROM pm_patients WHERE organization_id = \(org) AND hashtext(id::text || 'p') % 5 = 0
            """, logger: logger)
        try await owner.query("""
            WITH p AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM pm_patients WHERE organization_id = \(org))
            INSERT INTO pm_charges (organization_id, id, patient_id, service_date, service_type, minutes, facts, procedure_code, modifiers, units,
                                    unit_rate_cents, amount_cents, profile_source)
            SELECT \(org), gen_random_uuid(), p.id, DATE '2026-01-01' + (g % 90)::int, 'individual_counseling', 50, '{}'::jsonb, '90834', '{}', 1, 15000,
                   5000 + (g % 7) * 2500, 'defaults'
            FROM generate_series(0, \(charges) - 1) g JOIN p ON p.n = g % \(patients)
            """, logger: logger)
        return org
    }

    /// Fills the applications table to `count` rows: denied and long-expired ones spread over the patients.
    static func loadApplications(_ count: Int, sessions: Int, organization: UUID, owner: PostgresClient, logger: Logger) async throws {
        try await owner.query("""
            WITH s AS (SELECT patient_id, id, row_number() OVER (ORDER BY id) - 1 AS n
                       FROM pm_financial_counseling_sessions WHERE organization_id = \(organization))
            INSERT INTO pm_charity_care_applications (organization_id, id, patient_id, session_id, status, approved_at, discount_percent, expiration_date,
                                                      denied_at, denial_reason)
            SELECT \(organization), gen_random_uuid(), s.patient_id, s.id,
                   CASE WHEN g % 2 = 0 THEN 'approved' ELSE 'denied' END,
                   CASE WHEN g % 2 = 0 THEN TIMESTAMPTZ '2024-01-01 17:00Z' END, CASE WHEN g % 2 = 0 THEN 100 END,
                   CASE WHEN g % 2 = 0 THEN DATE '2025-01-01' - (g % 300)::int END,
                   CASE WHEN g % 2 = 1 THEN TIMESTAMPTZ '2024-01-01 17:00Z' END, CASE WHEN g % 2 = 1 THEN 'bench' END
            FROM generate_series(1, greatest(\(count) - (SELECT count(*) FROM pm_charity_care_applications WHERE organization_id = \(organization)), 0)) g
            JOIN s ON s.n = g % \(sessions)
            """, logger: logger)
    }
}
