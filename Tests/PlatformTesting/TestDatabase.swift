import Foundation
public import Logging
public import Platform
public import PostgresNIO

/// A fresh database for one suite or test, with clients for the application role and the owner.
public struct TestDatabase: Sendable {
    public let settings: DatabaseSettings
    public let app: PostgresClient
    public let owner: PostgresClient
    public let logger: Logger

    /// Creates a database with `migrations` applied and runs `body` with its clients running.
    public static func with<T: Sendable>(
        migrations: [Migration]? = nil,
        _ body: @Sendable (TestDatabase) async throws -> T
    ) async throws -> T {
        let migrations = try migrations ?? PlatformMigrations.all()
        let settings: DatabaseSettings
        do {
            settings = try await TestCluster.shared.freshDatabase(migrations: migrations)
        } catch {
            throw PostgresFailure(during: "creating the test database", error)
        }
        let logger = TestCluster.shared.logger
        let app = PostgresClient(configuration: settings.application, backgroundLogger: logger)
        let owner = PostgresClient(configuration: settings.owner, backgroundLogger: logger)
        do {
            return try await app.whileRunning { app in
                try await owner.whileRunning { owner in
                    try await body(TestDatabase(settings: settings, app: app, owner: owner, logger: logger))
                }
            }
        } catch let error as PSQLError {
            throw PostgresFailure(during: "the test", error)
        }
    }

    /// `DATABASE_URL` for this database as the owner, over the cluster's Unix socket.
    public func ownerURL() async throws -> String {
        let socketDirectory = (try await TestCluster.shared.running().socketPath as NSString).deletingLastPathComponent
        return "postgres://\(DatabaseSettings.ownerRole)@localhost/\(settings.databaseName)?host=\(socketDirectory)"
    }

    /// The application's database facade over the application-role client.
    /// The whole suite runs in parallel on a shared cluster, so on a small machine a connection can
    /// take longer than production's 5 s to arrive; a slow machine must not fail the tests.
    public var database: Database { Database(client: app, logger: logger, connectionWait: .seconds(60)) }

    /// Runs SQL as the owner (fixtures that no API creates yet).
    public func asOwner(_ query: PostgresQuery) async throws {
        _ = try await owner.query(query, logger: logger)
    }

    /// Collects one column of rows, as the owner.
    public func ownerScalars<T: PostgresDecodable & Sendable>(_ query: PostgresQuery, as type: T.Type) async throws -> [T] {
        var values: [T] = []
        for try await value in try await owner.query(query, logger: logger).decode(T.self) { values.append(value) }
        return values
    }
}

/// A PostgreSQL error as a failed test should print it. `PSQLError`'s description hides the
/// server's message and SQLSTATE (so nothing sensitive reaches a production log), which left
/// CI runs where dozens of tests failed at once saying only "PSQLError"; test data is synthetic,
/// so here the whole reflection is shown.
public struct PostgresFailure: Error, CustomStringConvertible {
    public let description: String

    init(during step: String, _ error: any Error) {
        description = "PostgreSQL failed \(step): \(String(reflecting: error))"
    }
}
