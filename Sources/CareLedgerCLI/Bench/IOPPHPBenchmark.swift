import ArgumentParser
import Foundation
import Logging
import Platform
import PostgresNIO
import PracticeManagement

/// `careledger bench iop-php`: loads one organization with a million group-attendance rows, then
/// times the PM-11 report for one calendar month (read through the integration layer, thresholds
/// resolved, every patient-week judged) several times and prints the median, p95 and max.
struct IOPPHPBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "iop-php", abstract: "The IOP/PHP compliance report over a large organization.")

    @OptionGroup var database: DatabaseOptions
    @Option(help: "Group sessions to load.") var sessions: Int = 100_000
    @Option(help: "Patients on each session's roster.") var members: Int = 10
    @Option(help: "Patients in the organization.") var patients: Int = 3_000
    @Option(help: "Weeks of weekday sessions, from Monday 2025-01-06.") var weeks: Int = 26
    @Option(help: "Measured report runs, after one warm-up run.") var runs: Int = 9

    func validate() throws {
        guard sessions >= 1, weeks >= 1, runs >= 1 else { throw ValidationError("--sessions, --weeks and --runs are at least 1.") }
        guard (1...patients).contains(members) else { throw ValidationError("--members must be between 1 and --patients: a roster seats each patient once.") }
    }

    /// The calendar month holding the middle of the loaded weeks, so it is full of sessions.
    var month: (from: ServiceDate, to: ServiceDate) {
        let middle = IOPPHPBenchmarkData.firstMonday.adding(days: weeks * 7 / 2) ?? IOPPHPBenchmarkData.firstMonday
        let first = ServiceDate(year: middle.year, month: middle.month, day: 1)!
        let next = ServiceDate(year: middle.month == 12 ? middle.year + 1 : middle.year, month: middle.month % 12 + 1, day: 1)!
        return (first, next.adding(days: -1)!)
    }

    func run() async throws {
        let logger = makeLogger(level: .warning)
        let (sessionCount, memberCount, patientCount, weekCount, runCount, month) = (sessions, members, patients, weeks, runs, self.month)
        try await withDatabaseRuntime(database, logger: logger) { runtime in
            let settings = try await BenchDatabase.prepare(runtime, name: "careledger_bench_iop_php", logger: logger)
            let client = PostgresClient(configuration: settings.application, backgroundLogger: logger)
            let owner = PostgresClient(configuration: settings.owner, backgroundLogger: logger)
            try await owner.whileRunning { owner in try await client.whileRunning { client in
                let db = Database(client: client, logger: logger)
                let loadStarted = ContinuousClock.now
                let loaded = try await IOPPHPBenchmarkData.load(sessions: sessionCount, members: memberCount, patients: patientCount,
                                                               weeks: weekCount, database: db)
                // What autovacuum would do soon after a bulk load (statistics for the planner and a
                // visibility map, for the rollup the report reads and the big tables autovacuum would
                // otherwise work on during the timing), then what the checkpointer would.
                for table in ["pm_patients", "pf_facilities", "cl_group_sessions", "cl_group_attendance", "cl_patient_attendance_weeks",
                              "cl_patient_attendance_site_weeks"] {
                    try await owner.query(PostgresQuery(unsafeSQL: "VACUUM (ANALYZE) \(table)"), logger: logger)
                }
                try await BenchDatabase.checkpoint(runtime, logger: logger)
                print("Loaded \(sessionCount) sessions, \(loaded.attendanceRows) attendance rows, \(patientCount) patients in \(String(format: "%.1f", (ContinuousClock.now - loadStarted).seconds)) s")

                let period = try CompliancePeriod(from: month.from, to: month.to)
                let query = IOPPHPComplianceQuery(period: period)
                var inMonth = 0
                for try await count in try await owner.query("""
                    SELECT count(*)::int FROM cl_group_attendance a JOIN cl_group_sessions s ON s.organization_id = a.organization_id AND s.id = a.session_id
                    WHERE s.session_date BETWEEN \(period.from.description)::date AND \(period.to.description)::date
                    """, logger: logger).decode(Int.self) { inMonth = count }

                let jurisdictions = JurisdictionResolver(logger: logger)
                var samples: [Int64] = []
                var totals = IOPPHPBenchmarkTotals(patientWeeks: 0, daysAttended: 0, minutesAttended: 0)
                for run in 0...runCount {
                    let started = ContinuousClock.now
                    let report = try await db.withTenant(loaded.organizationID) { tx in
                        try await IOPPHPComplianceReport.build(query, jurisdictions: jurisdictions, in: tx)
                    }
                    // Run 0 warms the connection, the plan's first parse and the profile cache.
                    if run > 0 { samples.append((ContinuousClock.now - started).nanoseconds) }
                    totals = IOPPHPBenchmarkTotals(report)
                }
                let figures = Percentiles(samples)
                // The report reads rollups the triggers keep; the same figures straight from the
                // attendance rows say whether they were kept right.
                let recountStarted = ContinuousClock.now
                let recount = try await IOPPHPBenchmarkTotals.recount(period, owner: owner, logger: logger)
                let recountTime = ContinuousClock.now - recountStarted
                guard recount == totals else {
                    throw CommandFailure("The report has \(totals); the attendance rows of its weeks have \(recount).")
                }
                print("""
                    IOP/PHP report for the month \(month.from) to \(month.to) (whole weeks \(period.from) to \(period.to), \(inMonth) attendance rows): \(totals.patientWeeks) patient-weeks
                    Report time over \(runCount) runs: median \(String(format: "%.1f", figures.at(0.5))) ms, p95 \(String(format: "%.1f", figures.at(0.95))) ms, max \(String(format: "%.1f", figures.at(1))) ms
                    Cross-check: \(totals), the same as recounted from the attendance rows (\(String(format: "%.1f", recountTime.seconds * 1000)) ms)
                    target: under 100 ms
                    """)
            } }
        }
    }
}
