import ArgumentParser
import Clinical
import Foundation
import Logging
import Platform
import PostgresNIO

/// `careledger bench quality`: one organization with a large history of discharges, ED visits and
/// visits elsewhere, then each measure's period computation for the year timed on its own (every
/// entry of `QualityMeasurePeriodComputation.all`, so a new measure is timed without touching this
/// file), FUH held against a one-statement SQL floor computing the same counts, and the whole
/// finalization (computed, stored, published) once.
struct QualityBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "quality", abstract: "Quality measures' period computation over a large organization.")

    @OptionGroup var database: DatabaseOptions
    @Option(help: "Patients in the organization.") var patients: Int = 200_000
    @Option(help: "Inpatient discharges.") var discharges: Int = 50_000
    @Option(help: "Emergency-department visits.") var edVisits: Int = 50_000
    @Option(help: "Outpatient visits elsewhere.") var visits: Int = 2_000_000
    @Option(help: "The practice's own group sessions (10 rostered patients each).") var sessions: Int = 10_000
    @Option(help: "Antidepressant dispensings (AMM), ten per treated patient.") var dispensings: Int = 1_000_000
    @Option(help: "Measured runs of every measure, after one warm-up run; the median is reported.") var runs: Int = 3

    func validate() throws {
        guard patients >= 20, discharges >= 0, edVisits >= 0, visits >= 0, sessions >= 0, dispensings >= 0, (1...20).contains(runs) else {
            throw ValidationError("--patients at least 20; --discharges, --ed-visits, --visits, --sessions, --dispensings not negative; --runs 1–20.")
        }
    }

    func run() async throws {
        let logger = makeLogger(level: .warning)
        let data = QualityBenchmarkData(patients: patients, discharges: discharges, emergencyVisits: edVisits, visits: visits, sessions: sessions)
        let (runCount, dispensingCount) = (runs, dispensings)
        try await withDatabaseRuntime(database, logger: logger) { runtime in
            let settings = try await BenchDatabase.prepare(runtime, name: "careledger_bench_quality", logger: logger)
            let client = PostgresClient(configuration: settings.application, backgroundLogger: logger)
            let owner = PostgresClient(configuration: settings.owner, backgroundLogger: logger)
            try await owner.whileRunning { owner in try await client.whileRunning { client in
                let db = Database(client: client, logger: logger)
                let loadStarted = ContinuousClock.now
                let organization = try await data.load(database: db)
                try await db.withTenant(organization) { tx in
                    try await AntidepressantBenchmarkData.load(dispensings: dispensingCount, patients: data.patients, period: QualityBenchmarkData.period, in: tx)
                }
                for table in ["pm_patients", "cl_external_encounters", "cl_external_encounter_diagnoses", "cl_group_sessions", "cl_group_attendance", "cl_external_treatment_events"] {
                    try await owner.query(PostgresQuery(unsafeSQL: "VACUUM (ANALYZE) \(table)"), logger: logger)
                }
                try await BenchDatabase.checkpoint(runtime, logger: logger)
                print("Loaded \(data.patients) patients, \(data.discharges) discharges, \(data.emergencyVisits) ED visits, \(data.visits) visits elsewhere "
                      + "and \(data.sessions * QualityBenchmarkData.rosterSize) roster rows in \(String(format: "%.1f", (ContinuousClock.now - loadStarted).seconds)) s")
                print("Loaded \(dispensingCount) antidepressant dispensings for AMM")

                let period = QualityBenchmarkData.period
                let measured = try await Self.timeMeasures(period, organization: organization, runs: runCount, database: db)
                print("Period \(period.start) to \(period.end), median of \(runCount) run\(runCount == 1 ? "" : "s") after a warm-up:")
                for line in measured.lines { print(line) }
                print("  \("total".padding(toLength: 18, withPad: " ", startingAt: 0))\(Self.milliseconds(measured.total))   (target: under 10 s)")

                let floor = try await Self.timeFloor(period, organization: organization, runs: runCount, database: db)
                print("FUH floor (one SQL statement, same counts): \(Self.milliseconds(floor.seconds)); FUH took "
                      + "\(String(format: "%.2f", measured.fuhSeconds / floor.seconds))× the floor   (target: within 2×)")
                guard floor.counts == measured.fuh else {
                    throw CommandFailure("FUH counted \(measured.fuh), the floor \(floor.counts).")
                }

                let bus = EventBus(logger: logger)
                let started = ContinuousClock.now
                let stored = try await db.withTenant(organization) { tx in try await QualityPeriodFinalizer.finalize(period, bus: bus, by: nil, in: tx) }
                print("Finalize (every measure computed, stored and published in one transaction): \(stored.count) results in "
                      + "\(Self.milliseconds((ContinuousClock.now - started).seconds))")
            } }
        }
    }

    struct Measured {
        var lines: [String] = []
        var total = 0.0
        var fuhSeconds = 0.0
        var fuh = QualityFloor.Counts(denominator: 0, within7: 0, within30: 0)
    }

    /// Times the value-set narrowing and then each measure in its own transaction, `runs` times after a warm-up.
    static func timeMeasures(_ period: MeasurementPeriod, organization: UUID, runs: Int, database: Database) async throws -> Measured {
        var measured = Measured()
        let narrowing = try await median(runs) {
            _ = try await database.withTenant(organization) { tx in try await ValueSetCodesInUse.load(in: tx) }
        }
        measured.lines.append("  \("value-set codes".padding(toLength: 18, withPad: " ", startingAt: 0))\(milliseconds(narrowing))")
        measured.total += narrowing
        let codes = try await database.withTenant(organization) { tx in try await ValueSetCodesInUse.load(in: tx) }
        for computation in QualityMeasurePeriodComputation.all {
            var outcome: MeasurePeriodOutcome?
            let seconds = try await median(runs) {
                outcome = try await database.withTenant(organization) { tx in try await computation.compute(period, codes, tx) }
            }
            let results = outcome?.results ?? []
            let counts = results.map { "\($0.indicator.rawValue) \($0.numerator)/\($0.denominator)" }.joined(separator: ", ")
            measured.lines.append("  \(computation.measure.padding(toLength: 18, withPad: " ", startingAt: 0))\(milliseconds(seconds))   \(counts)"
                                  + "  (read \(outcome?.sourceEncounterCount ?? 0) encounters, \(outcome?.practiceVisitCount ?? 0) practice visits)")
            measured.total += seconds
            if let fuh7 = results.first(where: { $0.indicator == .fuh7 }), let fuh30 = results.first(where: { $0.indicator == .fuh30 }) {
                measured.fuhSeconds = seconds
                measured.fuh = QualityFloor.Counts(denominator: fuh30.denominator, within7: fuh7.numerator, within30: fuh30.numerator)
            }
        }
        return measured
    }

    static func timeFloor(_ period: MeasurementPeriod, organization: UUID, runs: Int,
                          database: Database) async throws -> (seconds: Double, counts: QualityFloor.Counts) {
        let codes = try await database.withTenant(organization) { tx in try await ValueSetCodesInUse.load(in: tx) }
        var counts = QualityFloor.Counts(denominator: 0, within7: 0, within30: 0)
        let seconds = try await median(runs) {
            counts = try await database.withTenant(organization) { tx in try await QualityFloor.hospitalizationFollowUp(period, codes: codes, in: tx) }
        }
        return (seconds, counts)
    }

    /// The median of `runs` timings of `body`, after one untimed warm-up run.
    static func median(_ runs: Int, _ body: () async throws -> Void) async throws -> Double {
        try await body()
        var samples: [Double] = []
        for _ in 0..<runs {
            let started = ContinuousClock.now
            try await body()
            samples.append((ContinuousClock.now - started).seconds)
        }
        return samples.sorted()[samples.count / 2]
    }

    static func milliseconds(_ seconds: Double) -> String { String(format: "%8.1f ms", seconds * 1_000) }
}
