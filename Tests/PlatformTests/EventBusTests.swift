import Foundation
import Logging
import Platform
import PlatformTesting
import PostgresNIO
import Testing

/// A consumer that counts how often it is handed each event and how often it applied it.
final class RecordingConsumer: Sendable {
    let handed = LockedValue(0)
    let failuresLeft: LockedValue<Int>

    init(failFirst: Int) { failuresLeft = LockedValue(failFirst) }

    func subscriber(name: String = "recorder") -> EventSubscriber {
        EventSubscriber(name: name, eventType: SampleEvent.eventType) { envelope, tx in
            self.handed.withValue { $0 += 1 }
            let fail = self.failuresLeft.withValue { left -> Bool in
                if left > 0 { left -= 1; return true }
                return false
            }
            if fail { throw DomainError(.internalError, code: "TEST_FAILURE", message: "planned failure") }
            guard try await tx.claimOnce(consumer: name, key: envelope.id.uuidString) else { return }
            try await tx.query("INSERT INTO pf_sites (organization_id, id, name) VALUES (\(tx.organizationID), \(UUID()), \(envelope.id.uuidString))")
        }
    }
}

struct SampleEvent: EventContract {
    struct Payload: Codable, Sendable, Equatable { let sessionId: UUID; let participantCount: Int }
    static let eventType = "test_sample_event"
    static let version = 1
    static let channel = "test_events"
    static func validate(_ payload: Payload) throws {
        guard payload.participantCount >= 0 else {
            throw EventValidationError(eventType: eventType, field: "participant_count", reason: "must not be negative")
        }
    }
}

@Suite("Event bus")
struct EventBusTests {
    static func fastConfiguration() -> EventDispatcher.Configuration {
        var configuration = EventDispatcher.Configuration()
        configuration.baseBackoff = .milliseconds(1)
        configuration.lease = .seconds(30)
        configuration.pollInterval = .milliseconds(20)
        return configuration
    }

    static func applied(_ db: TestDatabase) async throws -> Int {
        try await db.ownerScalars("SELECT count(*)::int FROM pf_sites", as: Int.self).first ?? 0
    }

    /// Runs the dispatcher until every delivery has `status` (or gives up after 50 rounds).
    static func drain(_ dispatcher: EventDispatcher, _ db: TestDatabase, until status: String) async throws {
        for _ in 0..<50 where try await db.ownerScalars("SELECT DISTINCT status FROM pf_event_deliveries", as: String.self) != [status] {
            _ = try await dispatcher.drainOnce()
            try await Task.sleep(for: .milliseconds(10))
        }
    }

    @Test("an event published in a transaction that rolls back is never delivered")
    func rolledBackEventIsNeverDelivered() async throws {
        try await TestDatabase.with { db in
            let database = db.database
            let org = try await Organizations.create(name: "Org", slug: "org-rollback", database: database)
            let bus = EventBus(logger: db.logger)
            let consumer = RecordingConsumer(failFirst: 0)
            bus.subscribe(consumer.subscriber())
            await #expect(throws: DomainError.self) {
                try await database.withTenant(org) { tx in
                    try await bus.publish(SampleEvent.self, .init(sessionId: UUID(), participantCount: 3), in: tx)
                    throw DomainError(.conflict, code: "ABORT", message: "roll back")
                }
            }
            let dispatcher = EventDispatcher(bus: bus, database: database, configuration: Self.fastConfiguration(), logger: db.logger)
            #expect(try await dispatcher.drainOnce() == 0)
            #expect(consumer.handed.get() == 0)
            #expect(try await db.ownerScalars("SELECT count(*)::int FROM pf_event_outbox", as: Int.self) == [0])
        }
    }

    @Test("a consumer that fails twice then succeeds is handed the event three times and applies it once")
    func retriesThenApplies() async throws {
        try await TestDatabase.with { db in
            let database = db.database
            let org = try await Organizations.create(name: "Org", slug: "org-retry", database: database)
            let bus = EventBus(logger: db.logger)
            let consumer = RecordingConsumer(failFirst: 2)
            bus.subscribe(consumer.subscriber())
            let payload = SampleEvent.Payload(sessionId: UUID(), participantCount: 4)
            try await database.withTenant(org) { tx in try await bus.publish(SampleEvent.self, payload, in: tx) }
            let dispatcher = EventDispatcher(bus: bus, database: database, configuration: Self.fastConfiguration(), logger: db.logger)
            try await Self.drain(dispatcher, db, until: "delivered")
            #expect(consumer.handed.get() == 3)
            #expect(try await Self.applied(db) == 1)
            #expect(try await db.ownerScalars("SELECT attempts FROM pf_event_deliveries", as: Int.self) == [3])
            // Delivering the same event again (at-least-once) applies nothing new.
            try await db.asOwner("UPDATE pf_event_deliveries SET status = 'pending', next_attempt_at = now()")
            _ = try await dispatcher.drainOnce()
            #expect(consumer.handed.get() == 4)
            #expect(try await Self.applied(db) == 1)
        }
    }

    @Test("a consumer that always fails is dead-lettered after the configured attempts and can be replayed")
    func deadLetterAndReplay() async throws {
        try await TestDatabase.with { db in
            let database = db.database
            let org = try await Organizations.create(name: "Org", slug: "org-dead", database: database)
            let bus = EventBus(logger: db.logger)
            let consumer = RecordingConsumer(failFirst: 1_000)
            bus.subscribe(consumer.subscriber())
            let id = try await database.withTenant(org) { tx in try await bus.publish(SampleEvent.self, .init(sessionId: UUID(), participantCount: 1), in: tx) }
            let dispatcher = EventDispatcher(bus: bus, database: database, configuration: Self.fastConfiguration(), logger: db.logger)
            try await Self.drain(dispatcher, db, until: "dead")
            #expect(consumer.handed.get() == 3)
            let dead = try await db.owner.withConnection { try await DeadLetters.list(on: $0, logger: db.logger) }
            #expect(dead.map(\.eventID) == [id])
            #expect(dead.first?.lastError == "TEST_FAILURE")
            // Replay after the consumer is fixed.
            consumer.failuresLeft.set(0)
            let replayed = try await db.owner.withConnection { try await DeadLetters.replay(eventID: id, subscriber: nil, on: $0, logger: db.logger) }
            #expect(replayed == 1)
            _ = try await dispatcher.drainOnce()
            #expect(try await Self.applied(db) == 1)
            #expect(try await db.ownerScalars("SELECT status FROM pf_event_deliveries", as: String.self) == ["delivered"])
        }
    }

    @Test("events published while no dispatcher runs are delivered by the next one, and a dead dispatcher's claims return after the lease")
    func deliveredAfterRestart() async throws {
        try await TestDatabase.with { db in
            let database = db.database
            let org = try await Organizations.create(name: "Org", slug: "org-restart", database: database)
            let bus = EventBus(logger: db.logger)
            let consumer = RecordingConsumer(failFirst: 0)
            bus.subscribe(consumer.subscriber())
            for _ in 0..<5 {
                try await database.withTenant(org) { tx in try await bus.publish(SampleEvent.self, .init(sessionId: UUID(), participantCount: 2), in: tx) }
            }
            // A dispatcher claims two deliveries and dies before handling them.
            let claimed = try await db.ownerScalars("SELECT unnest(event_ids) FROM pf_claim_deliveries(2, 3000)", as: UUID.self)
            #expect(claimed.count == 2)
            let next = EventDispatcher(bus: bus, database: database, configuration: Self.fastConfiguration(), logger: db.logger)
            #expect(try await next.drainOnce() == 3)      // the unclaimed ones, at once
            try await Task.sleep(for: .milliseconds(3200)) // the dead dispatcher's lease runs out
            #expect(try await next.drainOnce() == 2)
            #expect(try await Self.applied(db) == 5)
        }
    }

    @Test("two dispatchers running at once apply each event exactly once")
    func concurrentDispatchers() async throws {
        try await TestDatabase.with { db in
            let database = db.database
            let orgs = [try await Organizations.create(name: "A", slug: "org-c-a", database: database),
                        try await Organizations.create(name: "B", slug: "org-c-b", database: database)]
            let bus = EventBus(logger: db.logger)
            let consumer = RecordingConsumer(failFirst: 0)
            bus.subscribe(consumer.subscriber())
            for index in 0..<400 {
                try await database.withTenant(orgs[index % 2]) { tx in try await bus.publish(SampleEvent.self, .init(sessionId: UUID(), participantCount: index), in: tx) }
            }
            var configuration = Self.fastConfiguration()
            configuration.batchSize = 16
            let first = EventDispatcher(bus: bus, database: database, configuration: configuration, logger: db.logger)
            let second = EventDispatcher(bus: bus, database: database, configuration: configuration, logger: db.logger)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await first.run() }
                group.addTask { try await second.run() }
                for _ in 0..<300 where try await db.ownerScalars("""
                    SELECT coalesce(sum(cardinality(event_ids)), 0)::int FROM pf_event_deliveries WHERE status = 'delivered'
                    """, as: Int.self) != [400] {
                    try await Task.sleep(for: .milliseconds(20))
                }
                first.stop()
                second.stop()
                try await group.waitForAll()
            }
            #expect(consumer.handed.get() == 400)
            #expect(try await Self.applied(db) == 400)
        }
    }

    @Test("the contract's own validation refuses the whole payload before anything is written")
    func validatorRejectsPayload() async throws {
        try await TestDatabase.with { db in
            let database = db.database
            let org = try await Organizations.create(name: "Org", slug: "org-validate", database: database)
            let bus = EventBus(logger: db.logger)
            await #expect(throws: EventValidationError(eventType: SampleEvent.eventType, field: "participant_count", reason: "must not be negative")) {
                try await database.withTenant(org) { tx in try await bus.publish(SampleEvent.self, .init(sessionId: UUID(), participantCount: -1), in: tx) }
            }
            #expect(try await db.ownerScalars("SELECT count(*)::int FROM pf_event_outbox", as: Int.self) == [0])
        }
    }

    @Test("publishing a batch writes each event and one delivery per subscriber covering them all, or nothing when one payload is refused")
    func batchPublish() async throws {
        try await TestDatabase.with { db in
            let database = db.database
            let org = try await Organizations.create(name: "Org", slug: "org-batch", database: database)
            let bus = EventBus(logger: db.logger)
            bus.subscribe(RecordingConsumer(failFirst: 0).subscriber())
            bus.subscribe(EventSubscriber(name: "second_consumer", eventType: SampleEvent.eventType, handle: { _, _ in }))
            let ids = try await database.withTenant(org) { tx in
                try await bus.publishAll(SampleEvent.self, (1...25).map { .init(sessionId: UUID(), participantCount: $0) }, in: tx)
            }
            #expect(Set(ids).count == 25)
            #expect(try await db.ownerScalars("SELECT count(*)::int FROM pf_event_outbox", as: Int.self) == [25])
            #expect(try await db.ownerScalars("SELECT subscriber FROM pf_event_deliveries ORDER BY 1", as: String.self) == ["recorder", "second_consumer"])
            #expect(try await db.ownerScalars("SELECT DISTINCT event_ids::text FROM pf_event_deliveries", as: String.self)
                    == ["{" + ids.map { $0.uuidString.lowercased() }.joined(separator: ",") + "}"])
            await #expect(throws: EventValidationError.self) {
                try await database.withTenant(org) { tx in
                    try await bus.publishAll(SampleEvent.self, [.init(sessionId: UUID(), participantCount: 2), .init(sessionId: UUID(), participantCount: -1)], in: tx)
                }
            }
            #expect(try await db.ownerScalars("SELECT count(*)::int FROM pf_event_outbox", as: Int.self) == [25])
        }
    }

    @Test("a batch consumer gets one organization's events together and its batch claim applies each once, even when redelivered")
    func batchConsumer() async throws {
        try await TestDatabase.with { db in
            let database = db.database
            let org = try await Organizations.create(name: "Org", slug: "org-batch-consumer", database: database)
            let bus = EventBus(logger: db.logger)
            let batchSizes = LockedValue<[Int]>([])
            bus.subscribe(EventSubscriber(name: "batch_consumer", eventType: SampleEvent.eventType, handleBatch: { envelopes, tx in
                batchSizes.withValue { $0.append(envelopes.count) }
                let fresh = try await tx.claimOnce(consumer: "batch_consumer", keys: envelopes.map(\.id.uuidString))
                for envelope in envelopes where fresh.contains(envelope.id.uuidString) {
                    _ = try await Organizations.createSite(name: "from \(envelope.id)", in: tx)
                }
            }))
            try await database.withTenant(org) { tx in
                _ = try await bus.publishAll(SampleEvent.self, (1...12).map { .init(sessionId: UUID(), participantCount: $0) }, in: tx)
            }
            let dispatcher = EventDispatcher(bus: bus, database: database, configuration: Self.fastConfiguration(), logger: db.logger)
            #expect(try await dispatcher.drainOnce() == 12)
            #expect(batchSizes.get() == [12])
            #expect(try await Self.applied(db) == 12)
            // Redelivery (for example after a lost acknowledgement) applies nothing twice.
            try await db.asOwner("UPDATE pf_event_deliveries SET status = 'pending', next_attempt_at = now() - interval '1 second'")
            #expect(try await dispatcher.drainOnce() == 12)
            #expect(try await Self.applied(db) == 12)
        }
    }

    @Test("the envelope carries type, version, organization, correlation id and time")
    func envelopeContents() async throws {
        try await TestDatabase.with { db in
            let database = db.database
            let org = try await Organizations.create(name: "Org", slug: "org-envelope", database: database)
            let bus = EventBus(logger: db.logger)
            let seen = LockedValue<[EventEnvelope]>([])
            bus.subscribe(EventSubscriber(name: "peek", eventType: SampleEvent.eventType) { envelope, _ in seen.withValue { $0.append(envelope) } })
            let correlation = UUID()
            let payload = SampleEvent.Payload(sessionId: UUID(), participantCount: 7)
            try await database.withTenant(org, correlationID: correlation) { tx in try await bus.publish(SampleEvent.self, payload, in: tx) }
            let dispatcher = EventDispatcher(bus: bus, database: database, configuration: Self.fastConfiguration(), logger: db.logger)
            _ = try await dispatcher.drainOnce()
            let envelope = try #require(seen.get().first)
            #expect(envelope.eventType == SampleEvent.eventType)
            #expect(envelope.version == 1)
            #expect(envelope.organizationID == org)
            #expect(envelope.correlationID == correlation)
            #expect(abs(envelope.occurredAt.timeIntervalSinceNow) < 60)
            #expect(try envelope.payload(as: SampleEvent.Payload.self) == payload)
            // The stored payload uses the contract's snake_case keys (jsonb normalises spacing, so parse it).
            let stored = try JSONSerialization.jsonObject(with: Data(envelope.payloadJSON.utf8)) as? [String: Any]
            #expect(stored?["participant_count"] as? Int == 7)
            #expect(stored?["session_id"] as? String == payload.sessionId.uuidString)
        }
    }

    @Test("a periodic job runs once per period across two runners")
    func periodicJobRunsOncePerPeriod() async throws {
        try await TestDatabase.with { db in
            let runs = LockedValue(0)
            let job = PeriodicJob(name: "test-job", period: .seconds(60)) { _ in runs.withValue { $0 += 1 } }
            let a = PeriodicJobRunner(jobs: [job], database: db.database, logger: db.logger, instance: "a")
            let b = PeriodicJobRunner(jobs: [job], database: db.database, logger: db.logger, instance: "b")
            let now = Date(timeIntervalSince1970: 1_800_000_030)
            async let first = a.runDueJobs(now: now)
            async let second = b.runDueJobs(now: now)
            let ran = await first + second
            #expect(ran == ["test-job"])
            #expect(runs.get() == 1)
            #expect(await a.runDueJobs(now: now.addingTimeInterval(60)) == ["test-job"])
            #expect(runs.get() == 2)
        }
    }
}
