import Logging
@testable import Platform
import PostgresNIO
import Testing

/// A request waits for a connection no longer than `connectionWait`, and a lease that comes in
/// time is not cut short by the deadline it armed.
@Suite("Connection lease deadline")
struct ConnectionLeaseTests {
    @Test("no connection within the wait: 503 after the wait, not before and not long after")
    func refusedAfterTheWait() async throws {
        let logger = Logger(label: "lease-test")
        // A client that is never run hands out no connection, so the lease waits out its deadline.
        let settings = PostgresClient.Configuration(host: "127.0.0.1", port: 1, username: "nobody", password: nil, database: "none", tls: .disable)
        let database = Database(client: PostgresClient(configuration: settings, backgroundLogger: logger), logger: logger,
                                connectionWait: .milliseconds(300))
        let started = ContinuousClock.now
        await #expect(throws: DomainError.databaseUnavailable) { try await database.withConnection { _ in 1 } }
        let waited = ContinuousClock.now - started
        #expect(waited >= .milliseconds(300), "waited \(waited)")
        #expect(waited < .seconds(3), "waited \(waited)")
    }

    @Test("the deadline's timer ends with its wait, and at once when cancelled")
    func timerEndsOrCancels() async throws {
        let started = ContinuousClock.now
        try await Database.sleepOnEventLoop(for: .milliseconds(50))
        #expect(ContinuousClock.now - started >= .milliseconds(50))

        let sleeper = Task { try await Database.sleepOnEventLoop(for: .seconds(30)) }
        sleeper.cancel()
        let cancelledAt = ContinuousClock.now
        await #expect(throws: (any Error).self) { try await sleeper.value }
        #expect(ContinuousClock.now - cancelledAt < .seconds(5))
    }
}
