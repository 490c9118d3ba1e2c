import ArgumentParser
import CareLedgerApp
import Foundation
import Logging
import Platform
import PostgresNIO

/// `careledger bench events`: publishes N events across several organizations through the
/// real outbox while dispatchers deliver them to an idempotent consumer, then reports
/// throughput and publish-to-apply latency measured from the database's own timestamps.
struct EventsBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "events", abstract: "Event bus throughput and latency.")

    @OptionGroup var database: DatabaseOptions
    @Option(help: "Events to publish.") var count: Int = 50_000
    @Option(help: "Organizations to spread them over.") var organizations: Int = 4
    @Option(help: "Dispatcher workers.") var workers: Int = 2
    @Option(help: "Milliseconds a dispatcher worker waits for more events after a partial claim (default: the product's).")
    var gatherDelay: Int?
    @Option(help: "Events per publishing transaction.") var batch: Int = 100
    @Option(help: "Concurrent publishers.") var publishers: Int = 2
    @Option(help: "Offered load in events/s across all publishers (0 = as fast as possible). Latency is only meaningful at a rate the dispatchers can sustain.")
    var rate: Int = 5_000
    @Flag(help: "Measure a floor of plain outbox inserts and the maximum applied rate with unpaced publishers in alternating pairs, then latency at half the median rate (--rate is ignored).")
    var unthrottled = false
    @Option(help: "With --unthrottled: floor and maximum-rate pairs to measure.") var rounds: Int = 3
    @Flag(help: "The consumer records each event's key with claimOnce (as a consumer with effects outside the database must).")
    var consumerClaims = false

    func validate() throws {
        guard (1...15).contains(rounds) else { throw ValidationError("--rounds 1–15.") }
        if let gatherDelay, !(0...1_000).contains(gatherDelay) { throw ValidationError("--gather-delay 0–1000 ms.") }
    }

    struct BenchEvent: EventContract {
        struct Payload: Codable, Sendable { let sequence: Int; let organizationIndex: Int }
        static let eventType = "bench_event"
        static let version = 1
        static let channel = "bench"
        /// Any sequence is valid; the check still runs on every publish, as it does for real contracts.
        static func validate(_ payload: Payload) throws {
            guard payload.sequence >= 0 else {
                throw EventValidationError(eventType: eventType, field: "sequence", reason: "must not be negative")
            }
        }
    }

    func run() async throws {
        let logger = makeLogger(level: .warning)
        try await withDatabaseRuntime(database, logger: logger) { runtime in
            // A database of its own, so the figures never touch the product's data.
            let settings = try await BenchDatabase.prepare(runtime, name: "careledger_bench_events", logger: logger)
            let configuration = settings.requestPool(maximumConnections: 16)
            let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
            let owner = PostgresClient(configuration: settings.owner, backgroundLogger: logger)
            let count = self.count, organizations = self.organizations, batch = self.batch, publishers = self.publishers, workers = self.workers
            let gatherDelay = self.gatherDelay.map { Duration.milliseconds($0) } ?? EventDispatcher.Configuration().gatherDelay
            let rate = self.rate, unthrottled = self.unthrottled, rounds = self.rounds
            _ = try await owner.whileRunning { owner in try await client.whileRunning { client in
                let db = Database(client: client, logger: logger)
                var orgIDs: [UUID] = []
                for index in 0..<organizations {
                    orgIDs.append(try await Organizations.create(name: "Bench \(index)", slug: "bench-\(index)-\(UInt32.random(in: 0...UInt32.max))", database: db))
                }
                let bus = EventBus(logger: logger)
                // A batch consumer with no writes of its own: what is measured is the bus (claim, hand-over,
                // fenced acknowledgement), which is what makes a consumer's database writes apply once.
                // --consumer-claims adds a claimOnce per batch, for consumers with effects outside the database.
                let consumerClaims = self.consumerClaims
                bus.subscribe(EventSubscriber(name: "bench_consumer", eventType: BenchEvent.eventType, handleBatch: { envelopes, tx in
                    guard consumerClaims else { return }
                    _ = try await tx.claimOnce(consumer: "bench_consumer", keys: envelopes.map(\.id.uuidString))
                }))
                // CPU per event: this process and the backends serving the benchmark's database (embedded cluster only).
                let postmaster = runtime.localCluster.flatMap { ProcessCPU.postmaster(dataDirectory: $0.dataDirectory) }
                let databaseName = settings.databaseName
                let setup = EventsRound.Setup(database: db, owner: owner, bus: bus, organizations: orgIDs, count: count, batch: batch,
                                              publishers: publishers, workers: workers, gatherDelay: gatherDelay, logger: logger,
                                              sampleCPU: { ProcessCPU.sample(postmaster: postmaster, database: databaseName) })
                let shape = "\(count) events, \(organizations) organizations, \(publishers) publishers, \(workers) dispatcher workers (gathering \(String(format: "%.0f", gatherDelay.seconds * 1000)) ms after a partial claim)"
                guard unthrottled else {
                    let round = try await EventsRound.run(setup, rate: rate)
                    print("""
                        events benchmark: \(shape), offered \(rate == 0 ? "unpaced" : "\(rate) events/s")
                          published: \(String(format: "%.2f", round.publishSeconds)) s  (\(Int(Double(count) / round.publishSeconds)) events/s)
                          applied:   \(String(format: "%.2f", round.totalSeconds)) s  (\(Int(round.appliedRate)) events/s end to end)
                          publish-to-apply latency: p50 \(String(format: "%.1f", round.p50)) ms, p99 \(String(format: "%.1f", round.p99)) ms, max \(String(format: "%.1f", round.max)) ms
                          target: >= 5000 events/s applied, p99 < 250 ms
                        """)
                    return
                }
                // Unthrottled: the floor and the most the bus applies, in alternating pairs so that each
                // ratio compares two neighbouring measurements (a disk's flush latency drifts by several
                // times within minutes on a shared machine); then latency at half the median rate.
                var pairs: [(floor: Double, applied: Double, floorCPU: Double?, appliedCPU: Double?)] = []
                // Each measurement starts after a checkpoint, so none shares the disk with the flush of
                // what the one before it (or the reset between them) left dirty.
                for _ in 0..<rounds {
                    try await BenchDatabase.checkpoint(runtime, logger: logger)
                    let floor = try await EventsRound.outboxFloor(setup)
                    try await BenchDatabase.checkpoint(runtime, logger: logger)
                    let fastest = try await EventsRound.run(setup, rate: 0)
                    try await EventsRound.reset(setup)
                    pairs.append((floor.rate, fastest.appliedRate, floor.cpu.postgres.map { $0 + floor.cpu.benchmark },
                                  fastest.cpu.postgres.map { $0 + fastest.cpu.benchmark }))
                }
                let ratios = pairs.map { $0.applied / $0.floor }
                let medianRatio = ratios.sorted()[ratios.count / 2]
                let medianApplied = pairs.map(\.applied).sorted()[pairs.count / 2]
                let half = max(1, Int(medianApplied / 2))
                try await BenchDatabase.checkpoint(runtime, logger: logger)
                let paced = try await EventsRound.run(setup, rate: half)
                func cpu(_ floor: Double?, _ applied: Double?) -> String {
                    guard let floor, let applied else { return "" }
                    return String(format: "; CPU per event %.1f µs floor, %.1f µs applied = %.0f%% at equal CPU", floor, applied, floor / applied * 100)
                }
                let rows = pairs.map {
                    "    floor \(Int($0.floor)) events/s, applied \(Int($0.applied)) events/s = \(String(format: "%.0f", $0.applied / $0.floor * 100))%"
                        + cpu($0.floorCPU, $0.appliedCPU)
                }
                let equalCPU = pairs.compactMap { pair in pair.floorCPU.flatMap { floor in pair.appliedCPU.map { floor / $0 } } }.sorted()
                let equalCPUMedian = equalCPU.isEmpty ? "" : String(format: "; at equal CPU, median %.0f%%", equalCPU[equalCPU.count / 2] * 100)
                print("""
                    events benchmark, unthrottled: \(shape), \(batch) events per publishing transaction
                      floor (plain outbox inserts, same publishers and batches, no deliveries), then the most the bus applies (publishers unpaced), \(rounds) pairs:
                    \(rows.joined(separator: "\n"))
                      maximum applied: median \(String(format: "%.0f", medianRatio * 100))% of its floor (target >= 50%)\(equalCPUMedian)
                      at half the median rate (\(half) events/s offered): \(Int(paced.appliedRate)) events/s applied, publish-to-apply p50 \(String(format: "%.1f", paced.p50)) ms, p99 \(String(format: "%.1f", paced.p99)) ms, max \(String(format: "%.1f", paced.max)) ms (target p99 < 250 ms)
                    """)
            } }
        }
    }
}

/// A scratch database on the same server, recreated for each benchmark run.
enum BenchDatabase {
    /// Writes out what a bulk load left dirty, so a timing that follows does not share the disk
    /// and the CPU with a checkpoint the load's WAL started. Needs the embedded cluster's
    /// superuser; against DATABASE_URL it does nothing.
    static func checkpoint(_ runtime: DatabaseRuntime, logger: Logger) async throws {
        guard let bootstrap = runtime.settings.bootstrap else { return }
        let admin = PostgresClient(configuration: bootstrap, backgroundLogger: logger)
        try await admin.whileRunning { admin in
            try await admin.withConnection { try await $0.query("CHECKPOINT", logger: logger) }
        }
    }

    static func prepare(_ runtime: DatabaseRuntime, name: String, logger: Logger) async throws -> DatabaseSettings {
        guard let bootstrap = runtime.settings.bootstrap else {
            // With DATABASE_URL the benchmark runs in that database: point it at a scratch one.
            try await runtime.migrate(CareLedgerSchema.migrations())
            return runtime.settings
        }
        let admin = PostgresClient(configuration: bootstrap, backgroundLogger: logger)
        try await admin.whileRunning { admin in
            try await admin.withConnection { connection in
                try await connection.query(PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)"), logger: logger)
                try await DatabaseBootstrap.createDatabase(name, connection, logger: logger)
            }
        }
        var settings = runtime.settings
        settings.owner.database = name
        settings.application.database = name
        settings.databaseName = name
        let owner = PostgresClient(configuration: settings.owner, backgroundLogger: logger)
        let migrator = try Migrator(migrations: CareLedgerSchema.migrations(), logger: logger)
        try await owner.whileRunning { owner in try await owner.withConnection { try await migrator.migrate(owner: $0) } }
        return settings
    }

    /// Waits until no delivery is pending: everything published has been applied (or dead-lettered).
    /// Reads only the partial index of pending deliveries, so polling costs the database next to
    /// nothing; counting the delivered ones instead read every delivery so far on each poll, and
    /// under `bench events` that was 3.6% of all CPU samples, charged to the bus.
    static func awaitDrained(_ owner: PostgresClient, every interval: Duration, logger: Logger) async throws {
        while true {
            for try await pending in try await owner.query(
                "SELECT EXISTS (SELECT 1 FROM pf_event_deliveries WHERE status = 'pending')", logger: logger).decode(Bool.self) where !pending {
                return
            }
            try await Task.sleep(for: interval)
        }
    }

    /// Events delivered so far (counted per subscriber), across the benchmark's tenants (read as the owner).
    static func delivered(_ owner: PostgresClient, logger: Logger) async throws -> Int {
        var total = 0
        for try await n in try await owner.query("""
            SELECT coalesce(sum(cardinality(event_ids)), 0)::int FROM pf_event_deliveries WHERE status = 'delivered'
            """, logger: logger).decode(Int.self) {
            total = n
        }
        return total
    }

    /// Publish-to-apply latency from the outbox's and the delivery's own timestamps.
    static func latency(_ owner: PostgresClient, logger: Logger) async throws -> (p50: Double, p99: Double, max: Double) {
        for try await (p50, p99, max) in try await owner.query("""
            SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ms), percentile_cont(0.99) WITHIN GROUP (ORDER BY ms), max(ms)::float8
            FROM (SELECT (extract(epoch FROM d.delivered_at - o.occurred_at) * 1000)::float8 AS ms
                  FROM pf_event_deliveries d CROSS JOIN LATERAL unnest(d.event_ids) AS e(event_id)
                  JOIN pf_event_outbox o ON o.organization_id = d.organization_id AND o.id = e.event_id
                  WHERE d.status = 'delivered') t
            """, logger: logger).decode((Double, Double, Double).self) {
            return (p50, p99, max)
        }
        return (0, 0, 0)
    }
}
