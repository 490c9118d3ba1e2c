import Foundation
import Platform
import PlatformTesting
import PostgresNIO
import Testing

/// A delivery covers what one publishing transaction wrote for one subscriber; these hold the
/// per-event guarantees that the row per event used to give.
@Suite("Event deliveries per publish")
struct EventDeliveryPerPublishTests {
    /// A batch consumer that refuses the whole batch while it holds the poisoned participant count.
    static func poisonSensitive(_ poison: Int, handed: LockedValue<[Int]>) -> EventSubscriber {
        EventSubscriber(name: "picky", eventType: SampleEvent.eventType, handleBatch: { envelopes, tx in
            let counts = try envelopes.map { try $0.payload(as: SampleEvent.Payload.self).participantCount }
            handed.withValue { $0.append(envelopes.count) }
            if counts.contains(poison) { throw DomainError(.internalError, code: "POISONED", message: "planned failure") }
            let fresh = try await tx.claimOnce(consumer: "picky", keys: envelopes.map(\.id.uuidString))
            for envelope in envelopes where fresh.contains(envelope.id.uuidString) {
                try await tx.query("INSERT INTO pf_sites (organization_id, id, name) VALUES (\(tx.organizationID), \(UUID()), \(envelope.id.uuidString))")
            }
        })
    }

    @Test("one bad event in a published batch: the delivery is split, the others are applied, and only the bad one is dead-lettered")
    func failingBatchIsSplitPerEvent() async throws {
        try await TestDatabase.with { db in
            let database = db.database
            let org = try await Organizations.create(name: "Org", slug: "org-split", database: database)
            let bus = EventBus(logger: db.logger)
            let handed = LockedValue<[Int]>([])
            bus.subscribe(Self.poisonSensitive(7, handed: handed))
            let ids = try await database.withTenant(org) { tx in
                try await bus.publishAll(SampleEvent.self, (1...10).map { .init(sessionId: UUID(), participantCount: $0) }, in: tx)
            }
            #expect(try await db.ownerScalars("SELECT count(*)::int FROM pf_event_deliveries", as: Int.self) == [1])
            let dispatcher = EventDispatcher(bus: bus, database: database, configuration: EventBusTests.fastConfiguration(), logger: db.logger)
            #expect(try await dispatcher.drainOnce() == 10)
            // The failed delivery became ten, one per event, none of them charged an attempt yet.
            #expect(try await db.ownerScalars("SELECT cardinality(event_ids) FROM pf_event_deliveries", as: Int.self) == Array(repeating: 1, count: 10))
            #expect(try await db.ownerScalars("SELECT DISTINCT last_error FROM pf_event_deliveries", as: String.self) == ["POISONED"])
            for _ in 0..<50 where try await db.ownerScalars("SELECT count(*)::int FROM pf_event_deliveries WHERE status = 'dead'", as: Int.self) != [1] {
                _ = try await dispatcher.drainOnce()
                try await Task.sleep(for: .milliseconds(10))
            }
            #expect(try await db.ownerScalars("SELECT count(*)::int FROM pf_sites", as: Int.self) == [9])
            #expect(try await db.ownerScalars("SELECT status FROM pf_event_deliveries WHERE status <> 'delivered'", as: String.self) == ["dead"])
            let dead = try await db.owner.withConnection { try await DeadLetters.list(on: $0, logger: db.logger) }
            #expect(dead.map(\.eventID) == [ids[6]])
            #expect(dead.first?.attempts == 3)
            // The published delivery's ten; the ten split deliveries claimed together; each alone; the poisoned one twice more.
            #expect(handed.get() == [10, 10] + Array(repeating: 1, count: 10) + [1, 1])
        }
    }

    @Test("a claim takes whole deliveries until it holds the limit's events, and at least one delivery whatever its size")
    func claimTakesWholeDeliveries() async throws {
        try await TestDatabase.with { db in
            let database = db.database
            let org = try await Organizations.create(name: "Org", slug: "org-claim", database: database)
            let bus = EventBus(logger: db.logger)
            bus.subscribe(Self.poisonSensitive(-1, handed: LockedValue([])))
            for size in [12, 3, 1] {
                try await database.withTenant(org) { tx in
                    _ = try await bus.publishAll(SampleEvent.self, (1...size).map { .init(sessionId: UUID(), participantCount: $0) }, in: tx)
                }
                try await Task.sleep(for: .milliseconds(5)) // distinct due times, so the claim order is the publishing order
            }
            let first = try await db.ownerScalars("SELECT unnest(event_ids) FROM pf_claim_deliveries(5, 60000)", as: UUID.self)
            #expect(first.count == 12)
            let second = try await db.ownerScalars("SELECT unnest(event_ids) FROM pf_claim_deliveries(2, 60000)", as: UUID.self)
            #expect(second.count == 3)
            let counts = try await db.ownerScalars("SELECT cardinality(event_ids) FROM pf_event_deliveries WHERE attempts = 1 ORDER BY 1", as: Int.self)
            #expect(counts == [3, 12])
            // The claimed events come back in publishing order.
            let published = try await db.ownerScalars("""
                SELECT e.event_id FROM pf_event_deliveries d CROSS JOIN LATERAL unnest(d.event_ids) WITH ORDINALITY AS e(event_id, n)
                WHERE cardinality(d.event_ids) = 12 ORDER BY e.n
                """, as: UUID.self)
            #expect(first == published)
        }
    }

    @Test("deliveries claimed together hand each event its own id, payload and time in publishing order, and its own transaction's correlation id")
    func claimedDeliveriesKeepEachEventsEnvelope() async throws {
        try await TestDatabase.with { db in
            let database = db.database
            let org = try await Organizations.create(name: "Org", slug: "org-envelopes", database: database)
            let bus = EventBus(logger: db.logger)
            let seen = LockedValue<[EventEnvelope]>([])
            bus.subscribe(EventSubscriber(name: "collector", eventType: SampleEvent.eventType, handleBatch: { envelopes, _ in
                seen.withValue { $0.append(contentsOf: envelopes) }
            }))
            var published: [(id: UUID, correlation: UUID, count: Int)] = []
            for (correlation, counts) in [(UUID(), 1...4), (UUID(), 5...7)] {
                let ids = try await database.withTenant(org, correlationID: correlation) { tx in
                    try await bus.publishAll(SampleEvent.self, counts.map { .init(sessionId: UUID(), participantCount: $0) }, in: tx)
                }
                published += zip(ids, counts).map { ($0, correlation, $1) }
                try await Task.sleep(for: .milliseconds(5)) // distinct due times, so the claim order is the publishing order
            }
            let dispatcher = EventDispatcher(bus: bus, database: database, configuration: EventBusTests.fastConfiguration(), logger: db.logger)
            #expect(try await dispatcher.drainOnce() == 7)
            let envelopes = seen.get()
            #expect(envelopes.map(\.id) == published.map(\.id))
            #expect(envelopes.map(\.correlationID) == published.map(\.correlation))
            #expect(try envelopes.map { try $0.payload(as: SampleEvent.Payload.self).participantCount } == published.map(\.count))
            #expect(envelopes.allSatisfy { $0.organizationID == org && $0.eventType == SampleEvent.eventType && $0.version == 1 && $0.attempt == 1 })
            let stored = try await db.ownerScalars("SELECT occurred_at FROM pf_event_outbox ORDER BY occurred_at", as: Date.self)
            #expect(envelopes.map(\.occurredAt) == stored)
        }
    }

    @Test("a delivery is read as one key range only when that range holds exactly its events; otherwise event by event, in its own order")
    func claimReadsByRangeOnlyWhenExact() async throws {
        try await TestDatabase.with { db in
            let org = try await Organizations.create(name: "Org", slug: "org-range", database: db.database)
            // Three events of one organization, in key order a < b < c.
            let ids = UUID.timeOrdered(count: 3)
            let (a, b, c) = (ids[0], ids[1], ids[2])
            for id in [a, b, c] {
                try await db.asOwner("""
                    INSERT INTO pf_event_outbox (organization_id, id, event_type, version, channel, payload, correlation_id, occurred_at)
                    VALUES (\(org), \(id), 'test_sample_event', 1, 'test_events', jsonb_build_object('id', \(id.uuidString)), \(UUID()), now())
                    """)
            }
            // Whole and ascending (the range); descending (random ids written before time-ordered ones);
            // skipping b, which the range between a and c holds too; naming an event the outbox lacks.
            let missing = UUID()
            let deliveries: [[UUID]] = [[a, b, c], [c, a], [a, c], [b, missing]]
            for (index, events) in deliveries.enumerated() {
                try await db.asOwner("""
                    INSERT INTO pf_event_deliveries (organization_id, id, subscriber, event_ids, next_attempt_at)
                    VALUES (\(org), \(UUID()), 'reader', \(events)::uuid[], now() - make_interval(mins => \(10 - index)::int))
                    """)
            }
            // Each delivery's events as "id=payload's id", in the order the claim returned them.
            let claimed = try await db.ownerScalars("""
                SELECT coalesce((SELECT string_agg(e.id::text || '=' || lower(e.payload::jsonb ->> 'id'), ',' ORDER BY e.n)
                                 FROM unnest(d.event_ids, d.payloads) WITH ORDINALITY AS e(id, payload, n)), '')
                FROM pf_claim_deliveries(100, 60000) d
                """, as: String.self)
            let expected = [[a, b, c], [c, a], [a, c], [b]].map { ids in
                ids.map { "\($0.uuidString.lowercased())=\($0.uuidString.lowercased())" }.joined(separator: ",")
            }
            #expect(claimed == expected)
        }
    }

    @Test("migration 0041 turns each per-event delivery into a delivery of that one event, keeping its state")
    func perEventDeliveriesAreCarriedOver() async throws {
        let platform = try PlatformMigrations.all()
        try await TestDatabase.with(migrations: platform.filter { $0.version < 41 }) { db in
            let org = try await Organizations.create(name: "Org", slug: "org-carry", database: db.database)
            let (pending, dead) = (UUID(), UUID())
            for id in [pending, dead] {
                try await db.asOwner("""
                    INSERT INTO pf_event_outbox (organization_id, id, event_type, version, channel, correlation_id, payload)
                    VALUES (\(org), \(id), 'test.happened', 1, 'pf_events', \(UUID()), '{}'::jsonb)
                    """)
            }
            try await db.asOwner("""
                INSERT INTO pf_event_deliveries (organization_id, event_id, subscriber, status, attempts, last_error)
                VALUES (\(org), \(pending), 'one', 'pending', 1, 'late'), (\(org), \(dead), 'two', 'dead', 3, 'boom')
                """)
            let migrator = try Migrator(migrations: platform.filter { $0.version <= 41 }, logger: db.logger)
            #expect(try await db.owner.withConnection { try await migrator.migrate(owner: $0) } == [41])
            let rows = try await db.ownerScalars("""
                SELECT concat_ws('|', subscriber, event_ids[1], cardinality(event_ids), status, attempts, last_error)
                FROM pf_event_deliveries ORDER BY subscriber
                """, as: String.self)
            #expect(rows == ["one|\(pending.uuidString.lowercased())|1|pending|1|late", "two|\(dead.uuidString.lowercased())|1|dead|3|boom"])
        }
    }
}
