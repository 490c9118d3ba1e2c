import Foundation
import Logging
import PostgresNIO

/// The floor `bench attendance` compares with, measured on the same cluster in the same run: what
/// pgbench calls simple-update, written here so no pgbench is needed. Each connection runs
/// transactions of an UPDATE of one account, a SELECT of it and an INSERT into a history table
/// (`BEGIN`, three statements, `COMMIT`: five round trips), as the owner, without row-level
/// security: the database's own transaction rate for three small statements, with nothing of
/// the product around it.
enum AttendanceFloor {
    struct Outcome {
        var transactions = 0
        var latenciesNanoseconds: [Int64] = []
        var elapsed: Duration = .zero

        var rate: Double { Double(transactions) / elapsed.seconds }

        /// Another window's transactions, added to these.
        mutating func add(_ other: Outcome) {
            transactions += other.transactions
            latenciesNanoseconds += other.latenciesNanoseconds
            elapsed += other.elapsed
        }
    }

    /// pgbench's scale 1: 100,000 accounts.
    static let accounts = 100_000

    /// Creates the floor's tables, runs `body` with what measures windows on them, and drops them.
    static func withTables<T: Sendable>(owner configuration: PostgresClient.Configuration, connections: Int, loops: LoadClientLoops, logger: Logger,
                                        _ body: @escaping @Sendable (Runner) async throws -> T) async throws -> T {
        var configuration = configuration
        var options = PostgresClient.Configuration.Options()
        options.maximumConnections = connections
        configuration.options = options
        let client = PostgresClient(configuration: configuration, eventLoopGroup: loops.group, backgroundLogger: logger)
        return try await client.whileRunning { client in
            try await client.withConnection { connection in
                for statement in [
                    "DROP TABLE IF EXISTS bench_floor_accounts, bench_floor_history",
                    "CREATE TABLE bench_floor_accounts (aid int PRIMARY KEY, abalance int NOT NULL, filler char(84)) WITH (fillfactor = 90)",
                    "CREATE TABLE bench_floor_history (aid int NOT NULL, delta int NOT NULL, mtime timestamptz NOT NULL, filler char(22))",
                    "INSERT INTO bench_floor_accounts (aid, abalance, filler) SELECT a, 0, '' FROM generate_series(1, \(accounts)) a",
                    "VACUUM ANALYZE bench_floor_accounts",
                ] {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
            }
            let value = try await body(Runner(client: client, connections: connections, executor: loops.executor, logger: logger))
            try await client.query("DROP TABLE bench_floor_accounts, bench_floor_history", logger: logger)
            return value
        }
    }

    /// Runs the floor's transactions on the tables `withTables` made, one window at a time.
    struct Runner: Sendable {
        let client: PostgresClient
        let connections: Int
        /// The load's own loops, when it has them (`LoadClientLoops`).
        let executor: (any TaskExecutor)?
        let logger: Logger

        func measure(warmUp: Duration, measured: Duration, measuringStarts: @escaping @Sendable () -> Void = {},
                     measuringEnds: @escaping @Sendable () -> Void = {}) async throws -> Outcome {
            let (client, connections, executor, logger) = (self.client, self.connections, self.executor, self.logger)
            let start = ContinuousClock.now
            let (measureFrom, measureUntil) = (start + warmUp, start + warmUp + measured)
            // The window's edges, while every connection is still open.
            let marker = Task {
                try await Task.sleep(until: measureFrom, clock: .continuous)
                measuringStarts()
                try await Task.sleep(until: measureUntil, clock: .continuous)
                measuringEnds()
            }
            var total = try await withThrowingTaskGroup(of: Outcome.self) { group in
                for _ in 0..<connections {
                    group.addTask(executorPreference: executor) {
                        try await client.withConnection { connection in
                            var outcome = Outcome()
                            var generator = SystemRandomNumberGenerator()
                            while ContinuousClock.now < measureUntil {
                                let aid = Int.random(in: 1...AttendanceFloor.accounts, using: &generator)
                                let delta = Int.random(in: -5_000...5_000, using: &generator)
                                let sent = ContinuousClock.now
                                try await connection.query("BEGIN", logger: logger)
                                try await connection.query("UPDATE bench_floor_accounts SET abalance = abalance + \(delta) WHERE aid = \(aid)", logger: logger)
                                for try await _ in try await connection.query("SELECT abalance FROM bench_floor_accounts WHERE aid = \(aid)",
                                                                              logger: logger).decode(Int.self) {}
                                try await connection.query("INSERT INTO bench_floor_history (aid, delta, mtime) VALUES (\(aid), \(delta), now())", logger: logger)
                                try await connection.query("COMMIT", logger: logger)
                                if sent >= measureFrom {
                                    outcome.transactions += 1
                                    outcome.latenciesNanoseconds.append((ContinuousClock.now - sent).nanoseconds)
                                }
                            }
                            return outcome
                        }
                    }
                }
                var all = Outcome()
                for try await outcome in group { all.add(outcome) }
                return all
            }
            _ = await marker.result
            total.elapsed = measured
            return total
        }
    }
}
