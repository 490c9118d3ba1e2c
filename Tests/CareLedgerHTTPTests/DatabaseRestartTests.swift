import CareLedgerApp
import CareLedgerHTTP
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Platform
import PlatformTesting
import PostgresNIO
import Testing

/// The server keeps running while its database goes away and comes back.
@Suite("Database restarts under a running server")
struct DatabaseRestartTests {
    @Test("requests answer 503 while the database is down and succeed again once it is back, with no server restart")
    func survivesRestart() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("careledger-restart-\(UUID().uuidString)")
        let logger = Logger(label: "restart-test")
        let runtime = try await DatabaseRuntime.start(.init(dataDirectory: folder.appendingPathComponent("pgdata").path, environment: [:]),
                                                      logger: logger)
        defer { try? FileManager.default.removeItem(at: folder) }
        let cluster = try #require(runtime.localCluster)
        do {
            try await runtime.migrate(CareLedgerSchema.migrations())
            let client = PostgresClient(configuration: runtime.settings.application, backgroundLogger: logger)
            try await client.whileRunning { client in
                let database = Database(client: client, logger: logger, connectionWait: .seconds(2))
                let tenant = try await TestTenant.create("Restart", permissions: [.patientsRead], database: database)
                let dependencies = AppDependencies(database: database, bus: EventBus(logger: logger), logger: logger)
                let app = Application(router: ApplicationBuilder.buildRouter(dependencies).router, logger: logger)
                try await app.test(.router) { http in
                    #expect(try await http.call(.get, "/api/v1/patients", as: tenant).status == .ok)

                    try cluster.stop()
                    let down = try await http.call(.get, "/api/v1/patients", as: tenant)
                    #expect(down.status == .serviceUnavailable)
                    #expect(down.errorBody?.code == "DATABASE_UNAVAILABLE")
                    // Known to be down now: the next requests are refused at once, not after the 2 s wait.
                    let started = ContinuousClock.now
                    let again = try await http.call(.get, "/api/v1/patients", as: tenant)
                    let fast = ContinuousClock.now - started
                    #expect(again.status == .serviceUnavailable)
                    #expect(fast < .milliseconds(500), "took \(fast)")
                    let page = try await http.execute(uri: "/", method: .get, headers: [.cookie: "\(WebSessions.cookieName)=cls_unknown"]) { $0 }
                    #expect(page.status == .serviceUnavailable)
                    #expect(page.headers[.contentType]?.hasPrefix("text/html") == true, "a page is answered with an error page")
                    #expect(page.text.contains("<html"))
                    let notReady = try await http.execute(uri: "/ready", method: .get) { $0 }
                    #expect(notReady.status == .serviceUnavailable)
                    #expect(try await http.execute(uri: "/health", method: .get) { $0 }.status == .ok)

                    try cluster.start()
                    var status = HTTPResponse.Status.serviceUnavailable
                    for _ in 0..<40 where status != .ok {
                        status = try await http.call(.get, "/api/v1/patients", as: tenant).status
                        if status != .ok { try await Task.sleep(for: .milliseconds(250)) }
                    }
                    #expect(status == .ok)
                    #expect(try await http.execute(uri: "/ready", method: .get) { $0 }.status == .ok)
                }
            }
        } catch {
            await runtime.shutdown()
            throw error
        }
        await runtime.shutdown()
    }
}
