import ArgumentParser
import Clinical
import Foundation
import Logging
import Platform
import PostgresNIO

/// `careledger bench amm`: one organization with a million antidepressant dispensings (written by
/// `generate_series`), then AMM's period computation for the year timed: the two set-based reads
/// (dispensings matched to the value set in SQL, depression encounters), the birth dates, and the
/// one pass per patient that lays supplies end to end and counts both phases.
struct AMMBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "amm", abstract: "AMM's period computation over a million dispensings.")

    @OptionGroup var database: DatabaseOptions
    @Option(help: "Antidepressant dispensings (ten per treated patient).") var dispensings: Int = 1_000_000
    @Option(help: "Measured runs after one warm-up run; the median is reported.") var runs: Int = 3

    static let period = MeasurementPeriod.year(2025)

    func validate() throws {
        guard dispensings >= 10, (1...20).contains(runs) else { throw ValidationError("--dispensings at least 10; --runs 1–20.") }
    }

    func run() async throws {
        let logger = makeLogger(level: .warning)
        let (dispensings, runs) = (dispensings, runs)
        let patients = dispensings / AntidepressantBenchmarkData.fillsPerPatient
        try await withDatabaseRuntime(database, logger: logger) { runtime in
            let settings = try await BenchDatabase.prepare(runtime, name: "careledger_bench_amm", logger: logger)
            let client = PostgresClient(configuration: settings.application, backgroundLogger: logger)
            let owner = PostgresClient(configuration: settings.owner, backgroundLogger: logger)
            try await owner.whileRunning { owner in try await client.whileRunning { client in
                let db = Database(client: client, logger: logger)
                let loadStarted = ContinuousClock.now
                let organization = try await Organizations.create(name: "AMM bench", slug: "bench-amm-\(UInt32.random(in: 0...UInt32.max))", database: db)
                try await db.withTenant(organization) { tx in
                    try await tx.query("""
                        INSERT INTO pm_patients (organization_id, id, mrn, given_name, family_name, date_of_birth)
                        SELECT \(organization), md5('patient-' || n)::uuid, 'A-' || lpad(n::text, 7, '0'), 'Bench', 'Patient ' || n,
                               DATE '1950-01-01' + ((n * 97) % 20000)::int
                        FROM generate_series(0, \(patients - 1)) AS n
                        """)
                    try await AntidepressantBenchmarkData.load(dispensings: dispensings, patients: patients, period: Self.period, in: tx)
                }
                for table in ["pm_patients", "cl_external_treatment_events", "cl_external_encounters", "cl_external_encounter_diagnoses"] {
                    try await owner.query(PostgresQuery(unsafeSQL: "VACUUM (ANALYZE) \(table)"), logger: logger)
                }
                try await BenchDatabase.checkpoint(runtime, logger: logger)
                print("Loaded \(dispensings) dispensings for \(patients) patients in \(String(format: "%.1f", (ContinuousClock.now - loadStarted).seconds)) s")

                var reads: [Double] = [], passes: [Double] = []
                var results: [IndicatorResult] = []
                for run in 0...runs {
                    let started = ContinuousClock.now
                    let data = try await db.withTenant(organization) { tx in
                        try await AntidepressantTreatmentData.load(Self.period, valueSets: try await ValueSetStore.current(in: tx), in: tx)
                    }
                    let read = ContinuousClock.now
                    results = data.results(for: Self.period)
                    if run > 0 {
                        reads.append((read - started).seconds)
                        passes.append((ContinuousClock.now - read).seconds)
                    }
                }
                func median(_ values: [Double]) -> String { String(format: "%.0f ms", values.sorted()[values.count / 2] * 1000) }
                print("AMM for \(Self.period.start) to \(Self.period.end), median of \(runs) run\(runs == 1 ? "" : "s") after a warm-up: "
                      + "reads \(median(reads)), the pass over patients \(median(passes)), total \(median(zip(reads, passes).map { $0 + $1 }))")
                for result in results {
                    print("  \(result.indicator.rawValue): initial population \(result.initialPopulation), denominator \(result.denominator), "
                          + "numerator \(result.numerator)")
                }
            } }
        }
    }
}
