import ArgumentParser
import CareLedgerHTTP
import Foundation
import Logging
import Metrics
import NIOCore
import NIOHTTP1
import Platform
import PostgresNIO
import ServiceLifecycle

/// `careledger bench attendance`: loads an organization with many group sessions, starts the
/// real HTTP server in this process, and has concurrent clients mark attendance through
/// `POST /api/v1/group-sessions/:id/attendance/:rowId` over keep-alive connections. Every
/// mark's reply carries the recomputed billing preview, so each request is a mark plus a
/// preview read. Reports marks/s and client-side latency, and the server's own times: the whole
/// mark with its reply read and preview (`careledger_attendance_mark_seconds`), and the
/// preview's recomputation alone.
struct AttendanceBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "attendance", abstract: "Attendance marks through the HTTP API.")

    @OptionGroup var database: DatabaseOptions
    @Option(help: "Group sessions to load (each with 8 to 12 participants).") var sessions: Int = 1_000
    @Option(help: "Concurrent HTTP clients.") var clients: Int = 16
    @Option(help: "Seconds of measured marking (and as many of the floor), in four turns, after a 2-second warm-up.") var seconds: Int = 20
    @Option(help: "Loopback port for the benchmark's server.") var port: Int = 18_181
    @Option(help: "Event-loop threads of the load's own (the HTTP clients and the floor's connections), whose CPU is then counted apart from the server's; 0 shares the server's loops.")
    var clientThreads: Int = 0
    @Option(help: "The server's pool: most connections its requests lease (0: the pool `serve` runs with).") var poolConnections: Int = 0

    func validate() throws {
        guard sessions >= clients else { throw ValidationError("--sessions must be at least --clients: each client marks its own sessions.") }
        guard (1...256).contains(clients), (1...600).contains(seconds) else { throw ValidationError("--clients 1–256, --seconds 1–600.") }
        guard (0...16).contains(clientThreads) else { throw ValidationError("--client-threads 0–16.") }
        guard (0...256).contains(poolConnections) else { throw ValidationError("--pool-connections 0–256.") }
    }

    /// The route's timer: the mark, the reply it reads (the row, the statuses, the payer when it changed) and the preview over it.
    static let markReadAndPreview = "careledger_attendance_mark_seconds"
    /// Clinical's timer: the preview's recomputation alone, over rows already read.
    static let previewComputation = "careledger_group_billing_preview_compute_seconds"
    /// Turns of marks and floor in a run (fewer when the run is shorter than this many seconds).
    static let windows = 4

    func run() async throws {
        let timers = TimerRecorders(labels: [Self.markReadAndPreview, Self.previewComputation])
        MetricsSystem.bootstrap(timers)
        let logger = makeLogger(level: .warning)
        let loops = LoadClientLoops(threads: clientThreads)
        do {
            try await measure(loops: loops, timers: timers, logger: logger)
        } catch {
            // The load's own threads are stopped on a failed run too.
            try? await loops.shutdown()
            throw error
        }
        try await loops.shutdown()
    }

    private func measure(loops: LoadClientLoops, timers: TimerRecorders, logger: Logger) async throws {
        let (sessionCount, clientCount, measured, port) = (sessions, clients, seconds, self.port)
        try await withDatabaseRuntime(database, logger: logger) { runtime in
            let settings = try await BenchDatabase.prepare(runtime, name: "careledger_bench_attendance", logger: logger)
            // The pool `serve` runs with, unless --pool-connections sizes it.
            let configuration = poolConnections == 0 ? settings.requestPool()
                : settings.requestPool(maximumConnections: poolConnections, warmConnections: poolConnections)
            let loader = PostgresClient(configuration: configuration, backgroundLogger: logger)
            let owner = PostgresClient(configuration: settings.owner, backgroundLogger: logger)
            let loadStarted = ContinuousClock.now
            let (token, rosters) = try await owner.whileRunning { owner in
                try await loader.whileRunning { loader in
                    try await AttendanceBenchmarkData.load(sessions: sessionCount, database: Database(client: loader, logger: logger),
                                                           owner: owner, logger: logger)
                }
            }
            // The new database's and the load's dirty pages are written now, not by a checkpoint
            // in the middle of the measured marks.
            try await BenchDatabase.checkpoint(runtime, logger: logger)
            print("Loaded \(sessionCount) sessions, \(rosters.reduce(0) { $0 + $1.rows.count }) attendance rows in \(String(format: "%.1f", (ContinuousClock.now - loadStarted).seconds)) s; "
                  + "the server's pool of database connections: up to \(configuration.options.maximumConnections)")

            let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
            let db = Database(client: client, logger: logger)
            let dependencies = AppDependencies(database: db, bus: EventBus(logger: logger), logger: logger)
            let (listening, announce) = AsyncStream<Void>.makeStream()
            let app = ApplicationBuilder.buildApplication(dependencies, host: "127.0.0.1", port: port, services: [client]) { announce.yield() }
            // Stopped gracefully once the figures are in, so shutdown logs no cancellation errors.
            let server = ServiceGroup(services: [app], logger: logger)
            // CPU per transaction, counted over the measured windows of each.
            let postmaster = runtime.localCluster.flatMap { ProcessCPU.postmaster(dataDirectory: $0.dataDirectory) }
            let databaseName = settings.databaseName
            let loadThreads = loops.countedThreads
            let sampleCPU = { @Sendable in ProcessCPU.sample(postmaster: postmaster, database: databaseName, loadThreads: loadThreads) }
            // The marks and the floor take turns in windows of equal length, so a machine whose
            // speed drifts over the run (a shared host, a disk's flushes) weighs on both alike.
            let windows = min(Self.windows, measured)
            let window = Duration.seconds(measured) / windows
            let pgbench = PgbenchFloor.available(cluster: runtime.localCluster, database: databaseName, clients: clientCount)
            let turns = try await AttendanceFloor.withTables(owner: settings.owner, connections: clientCount, loops: loops, logger: logger) { floorTables in
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask { try await server.run() }
                    for await _ in listening { break }
                    var turns = AttendanceTurns()
                    var walks: [AttendanceLoad.Walk] = []
                    for turn in 0..<windows {
                        let marksStart = LockedValue<ProcessCPU?>(nil)
                        let outcome = try await AttendanceLoad.run(rosters: rosters, clients: clientCount, token: token, port: port, loops: loops,
                                                                   warmUp: turn == 0 ? .seconds(2) : .milliseconds(500), measured: window,
                                                                   walks: &walks) {
                            // Forget what the server timed during the warm-up.
                            timers.reset()
                            marksStart.set(sampleCPU())
                        }
                        if let start = marksStart.get() { turns.marksCPU.add(from: start, to: sampleCPU()) }
                        turns.marks.add(outcome)
                        turns.markTimes += timers.values(Self.markReadAndPreview)
                        turns.previewTimes += timers.values(Self.previewComputation)

                        let floorWindow = LockedValue<(start: ProcessCPU?, end: ProcessCPU?)>((nil, nil))
                        turns.floor.add(try await floorTables.measure(warmUp: .milliseconds(500), measured: window,
                                                                      measuringStarts: { floorWindow.withValue { $0.start = sampleCPU() } },
                                                                      measuringEnds: { floorWindow.withValue { $0.end = sampleCPU() } }))
                        if case let (start?, end?) = floorWindow.get() { turns.floorCPU.add(from: start, to: end) }

                        if let pgbench {
                            turns.pgbench.add(try await pgbench.measure(seconds: Int(window.seconds.rounded()), sampleCPU: sampleCPU))
                        }
                    }
                    await server.triggerGracefulShutdown()
                    try await group.waitForAll()
                    return turns
                }
            }
            turns.report(windows: windows, window: window, clients: clientCount, clientThreads: clientThreads, pgbenchRan: pgbench != nil)
        }
    }
}

/// Keeps every duration the named timers record; the benchmark's process installs it in place
/// of Prometheus so the server's own timings can be read back.
final class TimerRecorders: MetricsFactory, @unchecked Sendable {
    private let recorders: [String: TimerRecorder]

    init(labels: [String]) {
        recorders = Dictionary(uniqueKeysWithValues: labels.map { ($0, TimerRecorder()) })
    }

    func values(_ label: String) -> [Int64] { recorders[label]?.values() ?? [] }
    func reset() { recorders.values.forEach { $0.reset() } }

    func makeTimer(label: String, dimensions: [(String, String)]) -> any TimerHandler {
        recorders[label] ?? NOOPMetricsHandler.instance
    }
    func makeCounter(label: String, dimensions: [(String, String)]) -> any CounterHandler { NOOPMetricsHandler.instance }
    func makeRecorder(label: String, dimensions: [(String, String)], aggregate: Bool) -> any RecorderHandler { NOOPMetricsHandler.instance }
    func destroyCounter(_ handler: any CounterHandler) {}
    func destroyRecorder(_ handler: any RecorderHandler) {}
    func destroyTimer(_ handler: any TimerHandler) {}
}

/// Every duration one timer recorded.
final class TimerRecorder: TimerHandler, @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [Int64] = []

    func values() -> [Int64] { lock.withLock { recorded } }
    func reset() { lock.withLock { recorded.removeAll(keepingCapacity: true) } }
    func recordNanoseconds(_ duration: Int64) { lock.withLock { recorded.append(duration) } }
}
