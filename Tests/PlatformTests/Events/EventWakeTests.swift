import Foundation
import Platform
import PlatformTesting
import PostgresNIO
import Testing

/// Publishing wakes the dispatchers with a notification sent after the publishing transaction
/// commits (so publishers' commits do not queue behind PostgreSQL's notification lock).
@Suite("Event wake-ups")
struct EventWakeTests {
    /// Counts the bus's wake-ups seen on a listening connection while `body` runs, then waits up to
    /// `settle` for any still on their way.
    static func wakeUps(_ db: TestDatabase, settle: Duration, _ body: @escaping @Sendable () async throws -> Void) async throws -> Int {
        let seen = LockedValue(0)
        let listening = LockedValue(false)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await db.app.withConnection { connection in
                    try await connection.listen(on: EventBus.wakeChannel) { notifications in
                        listening.set(true)
                        for try await _ in notifications { seen.withValue { $0 += 1 } }
                    }
                }
            }
            while !listening.get() { try await Task.sleep(for: .milliseconds(5)) }
            try await Task.sleep(for: .milliseconds(50)) // the LISTEN itself has reached the server
            try await body()
            try await Task.sleep(for: settle)
            group.cancelAll()
        }
        return seen.get()
    }

    @Test("a committed publish wakes the listeners once, however many batches it wrote; a rolled-back one wakes nobody")
    func wakesAfterCommitOnly() async throws {
        try await TestDatabase.with { db in
            let database = db.database
            let org = try await Organizations.create(name: "Org", slug: "org-wake", database: database)
            let bus = EventBus(logger: db.logger)
            bus.subscribe(EventSubscriber(name: "quiet", eventType: SampleEvent.eventType, handle: { _, _ in }))
            let committed = try await Self.wakeUps(db, settle: .milliseconds(500)) {
                try await database.withTenant(org) { tx in
                    try await bus.publish(SampleEvent.self, .init(sessionId: UUID(), participantCount: 1), in: tx)
                    try await bus.publishAll(SampleEvent.self, [.init(sessionId: UUID(), participantCount: 2), .init(sessionId: UUID(), participantCount: 3)], in: tx)
                }
            }
            #expect(committed == 1)
            let rolledBack = try await Self.wakeUps(db, settle: .milliseconds(500)) {
                await #expect(throws: DomainError.self) {
                    try await database.withTenant(org) { tx in
                        try await bus.publish(SampleEvent.self, .init(sessionId: UUID(), participantCount: 4), in: tx)
                        throw DomainError(.conflict, code: "ABORT", message: "roll back")
                    }
                }
            }
            #expect(rolledBack == 0)
        }
    }
}
