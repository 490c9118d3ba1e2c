import Foundation
import Platform
import PlatformTesting
import PostgresNIO
import Testing

/// The acknowledgement is fenced by the claim's attempt: a dispatcher that outlived its lease
/// cannot commit what its handlers wrote, so a consumer with no idempotency key of its own still
/// applies each event once.
@Suite("Event lease fence")
struct EventLeaseFenceTests {
    /// Writes a site per event (no claimOnce); the first hand-over waits until the test lets it go on.
    final class SlowFirstConsumer: Sendable {
        let handed = LockedValue(0)
        let failing: Bool
        let gate: AsyncStream<Void>
        let release: AsyncStream<Void>.Continuation

        init(failing: Bool = false) {
            self.failing = failing
            (gate, release) = AsyncStream.makeStream(of: Void.self)
        }

        func subscriber() -> EventSubscriber {
            EventSubscriber(name: "unkeyed", eventType: SampleEvent.eventType, handleBatch: { envelopes, tx in
                let first = self.handed.withValue { count -> Bool in
                    count += 1
                    return count == 1
                }
                for envelope in envelopes {
                    try await tx.query("INSERT INTO pf_sites (organization_id, id, name) VALUES (\(tx.organizationID), \(UUID()), \(envelope.id.uuidString))")
                }
                if first {
                    for await _ in self.gate { break }
                    if self.failing { throw DomainError(.internalError, code: "TEST_FAILURE", message: "planned failure") }
                }
            })
        }
    }

    static func leaseOfOneSecond() -> EventDispatcher.Configuration {
        var configuration = EventBusTests.fastConfiguration()
        configuration.lease = .seconds(1)
        return configuration
    }

    /// Starts `late` on the organization's deliveries, lets its lease run out while its handler is
    /// held, runs `meanwhile` (another dispatcher's claim), then lets `late` go on. Returns what
    /// `late` claimed and what `meanwhile` returned.
    static func outliveLease(_ late: EventDispatcher, consumer: SlowFirstConsumer,
                             meanwhile: () async throws -> Int) async throws -> (late: Int, meanwhile: Int) {
        let lateRun = Task { try await late.drainOnce() }
        // Patient: under the whole suite a loaded machine can keep the claim waiting for seconds.
        for _ in 0..<3_000 where consumer.handed.get() == 0 { try await Task.sleep(for: .milliseconds(10)) }
        try await Task.sleep(for: .milliseconds(1_200))
        let other = try await meanwhile()
        consumer.release.yield()
        return (try await lateRun.value, other)
    }

    /// One organization's `events` published in one delivery to a `SlowFirstConsumer`, and the
    /// dispatcher (lease of one second) that will outlive its lease.
    static func published(_ events: Int, slug: String, failing: Bool, _ db: TestDatabase) async throws
        -> (bus: EventBus, consumer: SlowFirstConsumer, late: EventDispatcher) {
        let org = try await Organizations.create(name: "Org", slug: slug, database: db.database)
        let bus = EventBus(logger: db.logger)
        let consumer = SlowFirstConsumer(failing: failing)
        bus.subscribe(consumer.subscriber())
        try await db.database.withTenant(org) { tx in
            try await bus.publishAll(SampleEvent.self, (1...events).map { .init(sessionId: UUID(), participantCount: $0) }, in: tx)
        }
        return (bus, consumer, EventDispatcher(bus: bus, database: db.database, configuration: Self.leaseOfOneSecond(), logger: db.logger))
    }

    /// Another dispatcher's claim, made straight through the function (its lease: 30 s).
    static func claimElsewhere(_ db: TestDatabase) async throws -> Int {
        try await db.ownerScalars("SELECT unnest(event_ids) FROM pf_claim_deliveries(10, 30000)", as: UUID.self).count
    }

    @Test("a dispatcher whose lease ran out is refused its acknowledgement, its writes roll back, and the event applies once")
    func lateAcknowledgementRollsBack() async throws {
        try await TestDatabase.with { db in
            let (bus, consumer, late) = try await Self.published(3, slug: "org-fence", failing: false, db)
            let next = EventDispatcher(bus: bus, database: db.database, configuration: Self.leaseOfOneSecond(), logger: db.logger)
            let claimed = try await Self.outliveLease(late, consumer: consumer) { try await next.drainOnce() }
            #expect(claimed.late == 3)
            #expect(claimed.meanwhile == 3)
            #expect(consumer.handed.get() == 2)
            // Three sites from the dispatcher that held the lease, none from the late one.
            #expect(try await db.ownerScalars("SELECT count(*)::int FROM pf_sites", as: Int.self) == [3])
            #expect(try await db.ownerScalars("SELECT status || ' ' || attempts FROM pf_event_deliveries", as: String.self) == ["delivered 2"])
            // Nothing is left to claim or split.
            #expect(try await next.drainOnce() == 0)
            #expect(try await db.ownerScalars("SELECT cardinality(event_ids) FROM pf_event_deliveries", as: Int.self) == [3])
        }
    }

    @Test("a late dispatcher's failure neither splits nor re-schedules a delivery another dispatcher has claimed since")
    func lateFailureLeavesTheNewClaimAlone() async throws {
        try await TestDatabase.with { db in
            let (_, consumer, late) = try await Self.published(3, slug: "org-fence-fail", failing: true, db)
            // Another dispatcher claims the delivery and is still handling it when the late one fails.
            let claimed = try await Self.outliveLease(late, consumer: consumer) { try await Self.claimElsewhere(db) }
            #expect(claimed.late == 3)
            #expect(claimed.meanwhile == 3)
            // Unfenced, the late failure would have split the delivery into three (taking it from the new claim).
            #expect(try await db.ownerScalars(
                "SELECT status || ' ' || attempts || ' ' || cardinality(event_ids) || ' ' || coalesce(last_error, '-') FROM pf_event_deliveries",
                as: String.self) == ["pending 2 3 -"])
            #expect(try await db.ownerScalars("SELECT count(*)::int FROM pf_sites", as: Int.self) == [0])
        }
    }

    @Test("a late dispatcher's failure of a single event does not re-schedule the new claim")
    func lateSingleFailureLeavesTheNewClaimAlone() async throws {
        try await TestDatabase.with { db in
            let (_, consumer, late) = try await Self.published(1, slug: "org-fence-one", failing: true, db)
            _ = try await Self.outliveLease(late, consumer: consumer) { try await Self.claimElsewhere(db) }
            // Unfenced, the late failure would have set the new claim's next attempt to its back-off and recorded its error.
            #expect(try await db.ownerScalars(
                "SELECT status || ' ' || attempts || ' ' || coalesce(last_error, '-') || ' ' || (next_attempt_at > now() + interval '20 seconds') FROM pf_event_deliveries",
                as: String.self) == ["pending 2 - true"])
        }
    }
}
