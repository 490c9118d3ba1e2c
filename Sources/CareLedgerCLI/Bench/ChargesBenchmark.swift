import ArgumentParser
import CareLedgerApp
import Clinical
import Foundation
import Logging
import Platform
import PostgresNIO

/// `careledger bench charges`: N finished group sessions of 8 ATTENDED members each get their
/// charges through the real event path (the end-time job publishes `cl_group_session_documented`,
/// the dispatcher hands it to PracticeManagement's charge build). The floor is one hand-written
/// `INSERT … SELECT` producing the same rows, timed in the same run on the same data.
struct ChargesBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "charges", abstract: "Charge build from documented group sessions.")

    @OptionGroup var database: DatabaseOptions
    @Option(help: "Finished group sessions to bill (8 members each).") var sessions: Int = 10_000
    @Option(help: "Dispatcher workers.") var workers: Int = 2

    func validate() throws {
        guard (1...100_000).contains(sessions), (1...16).contains(workers) else { throw ValidationError("--sessions 1–100000, --workers 1–16.") }
    }

    func run() async throws {
        let logger = makeLogger(level: .warning)
        let (sessionCount, workerCount) = (sessions, workers)
        try await withDatabaseRuntime(database, logger: logger) { runtime in
            let settings = try await BenchDatabase.prepare(runtime, name: "careledger_bench_charges", logger: logger)
            let configuration = settings.requestPool(maximumConnections: 8)
            let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
            let owner = PostgresClient(configuration: settings.owner, backgroundLogger: logger)
            try await owner.whileRunning { owner in
                try await client.whileRunning { client in
                    let db = Database(client: client, logger: logger)
                    let yesterday = (ServiceDate.today(in: TimeZone(identifier: "America/Phoenix")!).adding(days: -1) ?? ServiceDate("2025-06-01")!).description
                    let loadStarted = ContinuousClock.now
                    _ = try await AttendanceBenchmarkData.load(sessions: sessionCount, date: yesterday, rosterSizes: 8...8, status: .attended,
                                                               database: db, owner: owner, logger: logger)
                    try await owner.query("VACUUM ANALYZE", logger: logger)
                    print("Loaded \(sessionCount) finished sessions, \(sessionCount * 8) ATTENDED members in \(String(format: "%.1f", (ContinuousClock.now - loadStarted).seconds)) s")

                    let floor = try await ChargesFloor.measure(owner: owner, jurisdictions: JurisdictionResolver(logger: logger), database: db, logger: logger)
                    let bus = EventBus(logger: logger)
                    let services = CareLedgerServices(database: db, bus: bus, logger: logger) // subscribes the charge build
                    var dispatcherConfiguration = EventDispatcher.Configuration()
                    dispatcherConfiguration.workers = workerCount
                    let dispatcher = EventDispatcher(bus: services.bus, database: db, configuration: dispatcherConfiguration, logger: logger)

                    // The dispatcher runs while the end-time job publishes, as it does in `serve`: each
                    // batch's charges are built as soon as its documented events commit.
                    let started = ContinuousClock.now
                    let (published, publishedAt) = try await withThrowingTaskGroup(of: Void.self) { group in
                        group.addTask { try await dispatcher.run() }
                        let published = try await DocumentedAtEndTime.run(now: Date(), database: db, bus: bus, batchSize: 1_000)
                        let publishedAt = ContinuousClock.now
                        try await BenchDatabase.awaitDrained(owner, every: .milliseconds(20), logger: logger)
                        dispatcher.stop()
                        group.cancelAll()
                        return (published, publishedAt)
                    }
                    let finished = ContinuousClock.now
                    let built = try await ChargesFloor.activeCharges(owner, logger: logger)
                    let total = (finished - started).seconds
                    print("Published \(published) documented events in \(String(format: "%.2f", (publishedAt - started).seconds)) s; the last charges were built \(String(format: "%.2f", (finished - publishedAt).seconds)) s later (\(built.count) charges, \(built.cents) cents)")
                    print("Floor (one INSERT … SELECT of the same rows): \(floor.rows) rows (\(floor.cents) cents) in \(String(format: "%.2f", floor.seconds)) s")
                    print("End to end: \(String(format: "%.2f", total)) s, \(String(format: "%.2f", total / floor.seconds))× the floor  (target: within 2× the floor)")
                    if built.count != floor.rows || built.cents != floor.cents {
                        throw CommandFailure("The event path built \(built.count) charges totalling \(built.cents) cents; the floor made \(floor.rows) totalling \(floor.cents).")
                    }
                }
            }
        }
    }
}
