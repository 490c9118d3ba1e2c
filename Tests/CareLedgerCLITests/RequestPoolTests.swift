@testable import CareLedgerCLI
import Platform
import Testing

@Suite("Request pool settings")
struct RequestPoolTests {
    @Test("warm connections never exceed the maximum; keep-alive pings only over TCP")
    func poolSettings() throws {
        let embedded = DatabaseSettings.embedded(socketPath: "/tmp/cluster/.s.PGSQL.5432").requestPool()
        #expect(embedded.options.maximumConnections == 40)
        #expect(embedded.options.minimumConnections == 16)
        #expect(embedded.options.keepAliveBehavior == nil, "a Unix socket has no middlebox to drop an idle connection")
        #expect(embedded.username == DatabaseSettings.applicationRole)

        let remote = try DatabaseSettings.fromURL("postgres://owner:secret@db.example:5432/careledger", environment: [:])
            .requestPool(maximumConnections: 8)
        #expect(remote.options.maximumConnections == 8)
        #expect(remote.options.minimumConnections == 8)
        #expect(remote.options.keepAliveBehavior != nil)
        #expect(remote.username == DatabaseSettings.applicationRole)
    }
}
