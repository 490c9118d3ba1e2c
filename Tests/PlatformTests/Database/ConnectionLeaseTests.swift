import Logging
@testable import Platform
import PostgresNIO
import Testing

/// A request that gets no connection is refused once `connectionWait` has passed, never before,
/// and never left waiting. How soon after is a benchmark's question: under the whole suite's
/// load a resumed task can wait seconds for a thread, so only a hang fails here (the time limit).
@Suite("Connection lease deadline", .timeLimit(.minutes(1)))
struct ConnectionLeaseTests {
    @Test("no connection within the wait: 503 once the wait has passed, not before")
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
    }

    @Test("the deadline's timer ends with its wait, and ends when cancelled instead of waiting it out")
    func timerEndsOrCancels() async throws {
        let started = ContinuousClock.now
        try await Database.sleepOnEventLoop(for: .milliseconds(50))
        #expect(ContinuousClock.now - started >= .milliseconds(50))

        let sleeper = Task { try await Database.sleepOnEventLoop(for: .seconds(30)) }
        sleeper.cancel()
        await #expect(throws: (any Error).self) { try await sleeper.value }
    }
}
