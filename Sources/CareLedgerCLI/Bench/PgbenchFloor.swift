import Foundation
import NIOPosix
import Platform

/// The floor's transaction run by pgbench, PostgreSQL's own benchmark client, on the floor's tables
/// (`AttendanceFloor`), when the embedded cluster's binaries include it.
///
/// The floor written in Swift spends several times more CPU per transaction in its client
/// (PostgresNIO and Swift's tasks, on the same cores; `--client-threads` counts it) than pgbench
/// does, so it reaches well under pgbench's rate (docs/BENCHMARKS.md, 2026-12-03 evening). The
/// marks' share of pgbench's rate says how close the product comes to what the database itself can
/// do; the Swift floor's share says how close it comes to a client written like the product's.
struct PgbenchFloor: Sendable {
    let cluster: LocalPostgres
    let database: String
    let clients: Int

    struct Outcome: Sendable {
        var transactions = 0
        var seconds = 0.0
        /// pgbench's own CPU (user and system), from this process's reaped children.
        var clientSeconds = 0.0
        /// The database's backends' CPU between two samples taken while pgbench ran (its backends
        /// are gone, their CPU with them, once it ends), and the transactions pgbench's rate puts
        /// between them; nil without the backends' counters.
        var databaseSeconds: Double? = 0
        var transactionsSampled = 0.0

        var rate: Double { seconds > 0 ? Double(transactions) / seconds : 0 }

        /// pgbench's CPU and the backends' per transaction, in microseconds.
        var microsecondsPerTransaction: (client: Double, database: Double?) {
            (clientSeconds * 1_000_000 / Double(max(transactions, 1)), databaseSeconds.map { $0 * 1_000_000 / max(transactionsSampled, 1) })
        }

        mutating func add(_ other: Outcome) {
            transactions += other.transactions
            seconds += other.seconds
            clientSeconds += other.clientSeconds
            databaseSeconds = databaseSeconds.flatMap { sum in other.databaseSeconds.map { sum + $0 } }
            transactionsSampled += other.transactionsSampled
        }
    }

    struct Failure: Error, CustomStringConvertible { let description: String }

    /// The Swift floor's transaction, statement for statement (`AttendanceFloor.Runner`).
    static let script = """
        \\set aid random(1, \(AttendanceFloor.accounts))
        \\set delta random(-5000, 5000)
        BEGIN;
        UPDATE bench_floor_accounts SET abalance = abalance + :delta WHERE aid = :aid;
        SELECT abalance FROM bench_floor_accounts WHERE aid = :aid;
        INSERT INTO bench_floor_history (aid, delta, mtime) VALUES (:aid, :delta, now());
        END;

        """

    /// The reference, or nil without an embedded cluster or without pgbench beside its binaries.
    static func available(cluster: LocalPostgres?, database: String, clients: Int) -> PgbenchFloor? {
        guard let cluster, cluster.bundledClient("pgbench") != nil else { return nil }
        return PgbenchFloor(cluster: cluster, database: database, clients: clients)
    }

    /// Runs pgbench for `seconds` (whole seconds: pgbench counts no less) with as many clients
    /// as the marks have, as the owner, with the extended protocol the Swift floor uses; the
    /// process waits off the event loops. `sampleCPU` reads the backends' counters, at the start
    /// and shortly before pgbench ends.
    func measure(seconds: Int, sampleCPU: @escaping @Sendable () -> ProcessCPU) async throws -> Outcome {
        let (cluster, database, clients, seconds) = (self.cluster, self.database, self.clients, max(seconds, 1))
        let scriptFile = FileManager.default.temporaryDirectory.appendingPathComponent("careledger-floor-\(UUID.random().uuidString).sql")
        try Self.script.write(to: scriptFile, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: scriptFile) }
        let (first, started) = (sampleCPU(), ContinuousClock.now)
        async let finished = NIOThreadPool.singleton.runIfActive {
            let before = Self.childrenCPUSeconds()
            let run = try cluster.runBundledClient("pgbench", [
                "-U", DatabaseSettings.ownerRole, "-n", "-M", "extended", "-c", "\(clients)", "-j", "1", "-T", "\(seconds)",
                "-f", scriptFile.path, database,
            ])
            return (run, Self.childrenCPUSeconds() - before)
        }
        try await Task.sleep(until: started + .seconds(seconds) - .milliseconds(200), clock: .continuous)
        let (second, sampledFor) = (sampleCPU(), ContinuousClock.now - started)
        let (run, spent) = try await finished
        guard let run else { throw Failure(description: "pgbench is no longer beside the server binaries") }
        guard run.exitCode == 0, var outcome = Self.parse(run.output, clientSeconds: spent) else {
            throw Failure(description: "pgbench failed (exit \(run.exitCode)): \(run.output.suffix(500))")
        }
        outcome.databaseSeconds = first.postgresSeconds.flatMap { then in second.postgresSeconds.map { $0 - then } }
        outcome.transactionsSampled = outcome.rate * sampledFor.seconds
        return outcome
    }

    /// Transactions and the rate from pgbench's report ("number of transactions actually processed: N",
    /// "tps = X (without initial connection time)"); nil when either is missing.
    static func parse(_ report: String, clientSeconds: Double) -> Outcome? {
        func figure(after label: String) -> Double? {
            guard let range = report.range(of: label) else { return nil }
            return Double(report[range.upperBound...].prefix { $0.isNumber || $0 == "." })
        }
        guard let transactions = figure(after: "number of transactions actually processed: "), let rate = figure(after: "tps = "),
              transactions > 0, rate > 0 else { return nil }
        return Outcome(transactions: Int(transactions), seconds: transactions / rate, clientSeconds: clientSeconds)
    }

    /// User and system CPU of this process's children that have been waited for.
    private static func childrenCPUSeconds() -> Double {
        var usage = rusage()
        // Glibc declares the who-argument as an Int32, its constants as an enum.
        getrusage(__rusage_who_t(RUSAGE_CHILDREN.rawValue), &usage)
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
}
