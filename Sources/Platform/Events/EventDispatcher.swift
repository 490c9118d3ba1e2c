import Foundation
public import Logging
import Metrics
import PostgresNIO
public import ServiceLifecycle

/// Delivers outbox events to subscribers. Several dispatchers (in one process or many) share the
/// work: claims use `FOR UPDATE SKIP LOCKED` and a lease, so a delivery is handled by one
/// dispatcher at a time and returns to the pool if its dispatcher dies. The acknowledgement is
/// fenced by the claim's attempt number: a dispatcher that outlived its lease (another one has
/// claimed the delivery since) finds its acknowledgement refused and rolls back what its handlers
/// wrote, so a handler's effects in the database commit exactly once; effects outside it are at
/// least once (see `TenantTransaction.claimOnce`). A delivery holds what one publishing
/// transaction wrote for one subscriber; one whose handling fails is split into one delivery per
/// event, so retries, back-off and dead letters are per event. Woken by LISTEN/NOTIFY, with
/// polling as the fallback.
public final class EventDispatcher: Service, Sendable {
    public struct Configuration: Sendable {
        /// Attempts before a single event's delivery is dead-lettered.
        public var maxAttempts = 3
        /// Retry n waits `baseBackoff × 2^(n-1)`, capped at `maxBackoff`.
        public var baseBackoff: Duration = .milliseconds(500)
        public var maxBackoff: Duration = .seconds(300)
        /// Events a claim gathers (a claim takes whole deliveries, and at least one).
        public var batchSize = 1_024
        /// After a claim that found events but fewer than `batchSize`, how long a worker waits for
        /// more to gather before claiming again. A claim and its acknowledgement cost much the same
        /// fixed work (planning, the due scan, a transaction) whatever they hold, and under a steady
        /// stream of publishes a worker that claimed again at once took about two deliveries each
        /// time. A worker woken from idle claims at once, so a lone event waits for nothing; under
        /// load an event waits up to this long more (`bench events`, docs/BENCHMARKS.md: 20 ms
        /// cost the least CPU per event; 50 and 100 ms only added latency).
        public var gatherDelay: Duration = .milliseconds(20)
        /// How long a claimed delivery stays out of other dispatchers' reach.
        public var lease: Duration = .seconds(30)
        public var pollInterval: Duration = .seconds(1)
        public var workers = 2
        public init() {}
    }

    private let bus: EventBus
    private let database: Database
    private let configuration: Configuration
    private let logger: Logger
    private let stopping = LockedValue(false)
    private let wake = WakeSignal()

    public init(bus: EventBus, database: Database, configuration: Configuration = .init(), logger: Logger) {
        self.bus = bus
        self.database = database
        self.configuration = configuration
        self.logger = logger
    }

    public func run() async throws {
        await withGracefulShutdownHandler {
            await withTaskGroup(of: Void.self) { helpers in
                helpers.addTask { await self.listen() }
                helpers.addTask { await self.tick() }
                await withTaskGroup(of: Void.self) { workers in
                    for _ in 0..<max(1, configuration.workers) {
                        let wakeups = wake.subscribe()
                        workers.addTask { await self.work(wakeups) }
                    }
                }
                helpers.cancelAll()
            }
        } onGracefulShutdown: {
            self.stop()
        }
    }

    /// Asks the workers to finish their current batch and return.
    public func stop() {
        stopping.set(true)
        wake.fire()
    }

    /// Claims and handles one batch; returns how many events it handled (for tests and benchmarks).
    @discardableResult
    public func drainOnce() async throws -> Int {
        let claimed = try await claim()
        for (organizationID, deliveries) in Dictionary(grouping: claimed, by: \.organizationID) {
            await handle(deliveries, organizationID: organizationID)
        }
        return claimed.count
    }

    private func work(_ wakeups: AsyncStream<Void>) async {
        var iterator = wakeups.makeAsyncIterator()
        while !stopping.get() && !Task.isCancelled {
            do {
                let handled = try await drainOnce()
                if handled >= configuration.batchSize { continue }
                if handled > 0 {
                    try? await Task.sleep(for: configuration.gatherDelay)
                    continue
                }
            } catch {
                // While shutting down, a cancelled query or a closing pool is expected, not a failure.
                if error is CancellationError || stopping.get() || Task.isCancelled { return }
                logger.warning("event dispatch failed; will retry", metadata: ["error": .string(Self.errorCode(error))])
            }
            guard await iterator.next() != nil else { return }
        }
    }

    private func listen() async {
        while !Task.isCancelled {
            do {
                try await database.client.withConnection { connection in
                    try await connection.listen(on: EventBus.wakeChannel) { notifications in
                        self.wake.fire() // catch up on anything published while not listening
                        for try await _ in notifications { self.wake.fire() }
                    }
                }
            } catch {
                if Task.isCancelled { return }
                logger.debug("event listener reconnecting", metadata: ["error": .string(Self.errorCode(error))])
            }
            try? await Task.sleep(for: .seconds(1))
        }
    }

    private func tick() async {
        while !Task.isCancelled {
            try? await Task.sleep(for: configuration.pollInterval)
            wake.fire()
        }
    }

    private func claim() async throws -> [ClaimedEvent] {
        let batch = configuration.batchSize
        let leaseMilliseconds = Int(configuration.lease.components.seconds * 1000 + configuration.lease.components.attoseconds / 1_000_000_000_000_000)
        return try await database.withConnection { connection in
            var claimed: [ClaimedEvent] = []
            let rows = try await connection.query("""
                SELECT organization_id, delivery_id, subscriber, attempts, event_type, version, correlation_id, event_ids, payloads, occurred_at
                FROM pf_claim_deliveries(\(batch)::int, \(leaseMilliseconds)::int)
                """, logger: self.logger)
            // One row per delivery; its events share the type, version and correlation id.
            for try await (org, deliveryID, subscriber, attempts, type, version, correlation, eventIDs, payloads, occurred) in rows.decode(
                (UUID, UUID, String, Int, String, Int, UUID, [UUID], [String], [Date]).self) {
                guard eventIDs.count == payloads.count, eventIDs.count == occurred.count else {
                    throw DomainError(.internalError, code: "CLAIM_MISALIGNED", message: "A claimed delivery's event arrays differ in length.")
                }
                for index in eventIDs.indices {
                    claimed.append(ClaimedEvent(
                        organizationID: org, deliveryID: deliveryID, subscriber: subscriber,
                        envelope: EventEnvelope(id: eventIDs[index], organizationID: org, eventType: type, version: version, correlationID: correlation,
                                                occurredAt: occurred[index], attempt: attempts, payloadJSON: payloads[index])))
                }
            }
            return claimed
        }
    }

    /// Handles one organization's claimed events in one transaction. If that fails, each delivery
    /// is tried alone; a delivery of several events that fails alone is split into one per event,
    /// so a single bad event cannot hold back the others, and a single event's failure is recorded.
    private func handle(_ events: [ClaimedEvent], organizationID: UUID) async {
        guard !events.isEmpty else { return }
        do {
            try await apply(events, organizationID: organizationID)
            Counter(label: "careledger_events_delivered_total").increment(by: events.count)
        } catch let lost as LeaseLost {
            // Another dispatcher holds those deliveries now; the rest are still this one's to apply.
            logger.info("event deliveries re-claimed by another dispatcher; leaving them to it", metadata: [
                "deliveries": "\(lost.deliveryIDs.count)", "organization_id": .string(organizationID.uuidString),
            ])
            await handle(events.filter { !lost.deliveryIDs.contains($0.deliveryID) }, organizationID: organizationID)
        } catch {
            let deliveries = Dictionary(grouping: events, by: \.deliveryID)
            if deliveries.count > 1 {
                var tried: Set<UUID> = []
                for event in events where tried.insert(event.deliveryID).inserted {
                    await handle(deliveries[event.deliveryID] ?? [], organizationID: organizationID)
                }
            } else if events.count > 1 {
                await split(events[0], events: events.count, error: error)
            } else {
                await recordFailure(events[0], error: error)
            }
        }
    }

    private func apply(_ events: [ClaimedEvent], organizationID: UUID) async throws {
        let bus = self.bus
        try await database.withTenant(organizationID, correlationID: events[0].envelope.correlationID) { tx in
            // Each subscriber gets its share of the batch (per event type), in claim order.
            struct Share: Hashable { let subscriber: String; let eventType: String }
            var order: [Share] = []
            var shares: [Share: [EventEnvelope]] = [:]
            for event in events {
                let share = Share(subscriber: event.subscriber, eventType: event.envelope.eventType)
                if shares[share] == nil { order.append(share) }
                shares[share, default: []].append(event.envelope)
            }
            for share in order {
                guard let subscriber = bus.subscriber(named: share.subscriber, for: share.eventType) else {
                    throw DomainError(.internalError, code: "NO_SUBSCRIBER", message: "No subscriber \(share.subscriber) is registered here.")
                }
                try await subscriber.handleBatch(shares[share] ?? [], tx)
            }
            // Fenced: only a delivery still pending at the attempt this dispatcher claimed is acknowledged.
            var claims: [UUID: Int] = [:]
            for event in events { claims[event.deliveryID] = event.envelope.attempt }
            let acknowledged = try await tx.execute(AcknowledgeDeliveriesStatement(organizationID: organizationID, deliveryIDs: Array(claims.keys),
                                                                                   attempts: Array(claims.values)))
            if acknowledged.count < claims.count {
                throw LeaseLost(deliveryIDs: Set(claims.keys).subtracting(acknowledged))
            }
        }
    }

    /// Replaces a failed delivery of several events with one delivery per event, due at once; the
    /// next claims try each alone. The failed attempt counts for none of them.
    private func split(_ delivery: ClaimedEvent, events: Int, error: any Error) async {
        let code = Self.errorCode(error)
        logger.warning("event delivery failed; splitting it per event", metadata: [
            "delivery_id": .string(delivery.deliveryID.uuidString), "event_type": .string(delivery.envelope.eventType),
            "subscriber": .string(delivery.subscriber), "events": "\(events)", "error": .string(code),
        ])
        do {
            try await database.withTenant(delivery.organizationID) { tx in
                try await tx.query("""
                    WITH failed AS (
                      DELETE FROM pf_event_deliveries
                      WHERE organization_id = \(delivery.organizationID) AND id = \(delivery.deliveryID) AND status = 'pending'
                        AND attempts = \(delivery.envelope.attempt)
                      RETURNING subscriber, event_ids
                    )
                    INSERT INTO pf_event_deliveries (organization_id, id, subscriber, event_ids, last_error)
                    SELECT \(delivery.organizationID), gen_random_uuid(), f.subscriber, ARRAY[e.event_id], \(code)
                    FROM failed f CROSS JOIN LATERAL unnest(f.event_ids) AS e(event_id)
                    """)
            }
            wake.fire()
        } catch {
            // The lease will expire and the whole delivery will be tried again.
            logger.error("could not split a failed delivery", metadata: ["delivery_id": .string(delivery.deliveryID.uuidString)])
        }
    }

    private func recordFailure(_ delivery: ClaimedEvent, error: any Error) async {
        let attempts = delivery.envelope.attempt
        let dead = attempts >= configuration.maxAttempts
        let delay = backoff(afterAttempt: attempts)
        let delayMilliseconds = Int(delay.components.seconds * 1000 + delay.components.attoseconds / 1_000_000_000_000_000)
        let code = Self.errorCode(error)
        logger.warning(dead ? "event delivery dead-lettered" : "event delivery failed; will retry", metadata: [
            "event_id": .string(delivery.envelope.id.uuidString), "event_type": .string(delivery.envelope.eventType),
            "subscriber": .string(delivery.subscriber), "attempt": "\(attempts)", "error": .string(code),
        ])
        if dead { Counter(label: "careledger_events_dead_lettered_total").increment() }
        do {
            try await database.withTenant(delivery.organizationID) { tx in
                try await tx.query("""
                    UPDATE pf_event_deliveries
                    SET status = \(dead ? "dead" : "pending"),
                        next_attempt_at = clock_timestamp() + make_interval(secs => \(delayMilliseconds) / 1000.0),
                        last_error = \(code)
                    WHERE organization_id = \(delivery.organizationID) AND id = \(delivery.deliveryID)
                      AND status = 'pending' AND attempts = \(attempts)
                    """)
            }
        } catch {
            // The lease will expire and the delivery will be tried again.
            logger.error("could not record a failed delivery", metadata: ["event_id": .string(delivery.envelope.id.uuidString)])
        }
    }

    func backoff(afterAttempt attempt: Int) -> Duration {
        let factor = 1 << min(max(attempt - 1, 0), 20)
        let delay = configuration.baseBackoff * factor
        return min(delay, configuration.maxBackoff)
    }

    /// What a failure is called in logs and in `last_error`: a code or a type name, never a
    /// message that could carry PHI.
    static func errorCode(_ error: any Error) -> String {
        switch error {
        case let error as DomainError: return error.code
        case let error as EventValidationError: return "EVENT_VALIDATION_FAILED:\(error.field)"
        case let error as PSQLError: return "PSQL:\(error.serverInfo?[.sqlState] ?? "\(error.code)")"
        default: return String(describing: type(of: error))
        }
    }
}

/// Deliveries another dispatcher claimed after this one's lease ran out: their acknowledgement
/// was refused, and the transaction that handled them rolls back.
struct LeaseLost: Error {
    let deliveryIDs: Set<UUID>
}

/// One claimed event, with the delivery that carried it.
struct ClaimedEvent: Sendable {
    let organizationID: UUID
    let deliveryID: UUID
    let subscriber: String
    let envelope: EventEnvelope
}

/// Wakes every waiting worker; wake-ups while a worker is busy fold into one.
final class WakeSignal: Sendable {
    private let continuations = LockedValue<[AsyncStream<Void>.Continuation]>([])

    func subscribe() -> AsyncStream<Void> {
        let (stream, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        continuations.withValue { $0.append(continuation) }
        return stream
    }

    func fire() {
        for continuation in continuations.get() { continuation.yield() }
    }
}
