import Foundation
import Logging
import Platform
import PostgresNIO

/// One round of `bench events`: publishers put `count` events through the real outbox (paced at
/// `rate` events/s, or as fast as they can with 0) while dispatchers deliver them, until every
/// delivery is applied; latency comes from the database's own timestamps.
enum EventsRound {
    struct Setup: Sendable {
        let database: Database
        let owner: PostgresClient
        let bus: EventBus
        let organizations: [UUID]
        let count: Int
        let batch: Int
        let publishers: Int
        let workers: Int
        let gatherDelay: Duration
        let logger: Logger
        /// This process's and the database's backends' CPU counters now (see `ProcessCPU`).
        let sampleCPU: @Sendable () -> ProcessCPU
    }

    struct Outcome {
        let publishSeconds: Double
        let totalSeconds: Double
        let p50: Double
        let p99: Double
        let max: Double
        /// CPU per event from the first publish to the last delivery applied.
        let cpu: (benchmark: Double, postgres: Double?)

        var appliedRate: Double { Double(count) / totalSeconds }
        let count: Int
    }

    static func run(_ setup: Setup, rate: Int) async throws -> Outcome {
        var dispatcherConfiguration = EventDispatcher.Configuration()
        dispatcherConfiguration.workers = setup.workers
        dispatcherConfiguration.gatherDelay = setup.gatherDelay
        dispatcherConfiguration.pollInterval = .milliseconds(200)
        let dispatcher = EventDispatcher(bus: setup.bus, database: setup.database, configuration: dispatcherConfiguration, logger: setup.logger)
        let cpuAtStart = setup.sampleCPU()
        let started = ContinuousClock.now
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await dispatcher.run() }
            try await publish(setup, rate: rate, started: started) { organization, range, tx in
                try await setup.bus.publishAll(EventsBenchmark.BenchEvent.self,
                                               range.map { .init(sequence: $0, organizationIndex: organization) }, in: tx)
            }
            let published = ContinuousClock.now
            try await BenchDatabase.awaitDrained(setup.owner, every: .milliseconds(10), logger: setup.logger)
            let applied = ContinuousClock.now
            let cpu = setup.sampleCPU().microsecondsPerTransaction(since: cpuAtStart, transactions: setup.count)
            dispatcher.stop()
            try await group.waitForAll()
            let delivered = try await BenchDatabase.delivered(setup.owner, logger: setup.logger)
            guard delivered == setup.count else {
                throw CommandFailure("The dispatcher applied \(delivered) of \(setup.count) events; the rest were dead-lettered.")
            }
            let figures = try await BenchDatabase.latency(setup.owner, logger: setup.logger)
            return Outcome(publishSeconds: (published - started).seconds, totalSeconds: (applied - started).seconds,
                           p50: figures.p50, p99: figures.p99, max: figures.max, cpu: cpu, count: setup.count)
        }
    }

    /// Publishers split the events into batches of one organization each, one transaction per batch.
    static func publish(_ setup: Setup, rate: Int, started: ContinuousClock.Instant,
                        _ write: @escaping @Sendable (Int, Range<Int>, TenantTransaction) async throws -> Void) async throws {
        let (count, batch, publishers, organizations) = (setup.count, setup.batch, setup.publishers, setup.organizations)
        try await withThrowingTaskGroup(of: Void.self) { publishing in
            for publisher in 0..<publishers {
                publishing.addTask {
                    var sequence = publisher * batch
                    while sequence < count {
                        if rate > 0 {
                            // Paced: event n is due n/rate seconds after the start.
                            let due = started + .milliseconds(sequence * 1000 / rate)
                            if due > ContinuousClock.now { try await Task.sleep(until: due, clock: .continuous) }
                        }
                        let organization = (sequence / batch) % organizations.count
                        let range = sequence..<min(sequence + batch, count)
                        try await setup.database.withTenant(organizations[organization]) { tx in try await write(organization, range, tx) }
                        sequence += batch * publishers
                    }
                }
            }
            try await publishing.waitForAll()
        }
    }

    /// The floor: the same batches written as plain outbox rows (no deliveries, no notification,
    /// no dispatcher), by the same publishers, as fast as they go, with ids made as the bus makes
    /// them (time-ordered: an index takes those at its right edge, which is cheaper than random
    /// ids, so the floor gains what the bus gains). Returns events/s and the CPU per event.
    static func outboxFloor(_ setup: Setup) async throws -> (rate: Double, cpu: (benchmark: Double, postgres: Double?)) {
        let cpuAtStart = setup.sampleCPU()
        let started = ContinuousClock.now
        try await publish(setup, rate: 0, started: started) { organization, range, tx in
            let payloads = range.map { #"{"sequence":\#($0),"organizationIndex":\#(organization)}"# }
            _ = try await tx.execute(FloorInsert(organizationID: tx.organizationID, correlationID: tx.correlationID,
                                                 ids: UUID.timeOrdered(count: payloads.count), payloads: payloads))
        }
        let seconds = (ContinuousClock.now - started).seconds
        let cpu = setup.sampleCPU().microsecondsPerTransaction(since: cpuAtStart, transactions: setup.count)
        try await reset(setup)
        return (Double(setup.count) / seconds, cpu)
    }

    /// Removes the benchmark's own events, deliveries and claims between rounds (as the owner), and
    /// nothing else: with DATABASE_URL the benchmark runs in that database, and other tables (quality
    /// periods) refer to the outbox.
    static func reset(_ setup: Setup) async throws {
        for statement: PostgresQuery in [
            "DELETE FROM pf_event_deliveries WHERE subscriber = 'bench_consumer'",
            "DELETE FROM pf_event_outbox WHERE event_type IN ('bench_event', 'bench_floor')",
            "DELETE FROM pf_processed_events WHERE consumer = 'bench_consumer'",
            "VACUUM ANALYZE pf_event_deliveries, pf_event_outbox, pf_processed_events",
        ] {
            try await setup.owner.query(statement, logger: setup.logger)
        }
    }
}

/// The floor's insert, prepared once per connection as the bus's publish is (`PublishEventsStatement`),
/// so that the two differ by what the bus does, not by how the statement is sent.
private struct FloorInsert: PostgresPreparedStatement {
    static let sql = """
        INSERT INTO pf_event_outbox (organization_id, id, event_type, version, channel, payload, correlation_id, occurred_at)
        SELECT $1, e.id, 'bench_floor', 1, 'bench', e.payload::jsonb, $2, clock_timestamp()
        FROM unnest($3::uuid[], $4::text[]) AS e(id, payload)
        """
    static let bindingDataTypes: [PostgresDataType] = [.uuid, .uuid, .uuidArray, .textArray]
    typealias Row = ()

    let organizationID: UUID
    let correlationID: UUID
    let ids: [UUID]
    let payloads: [String]

    func makeBindings() -> PostgresBindings {
        var bindings = PostgresBindings(capacity: 4)
        bindings.append(organizationID)
        bindings.append(correlationID)
        bindings.append(ids)
        bindings.append(payloads)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws {}
}
