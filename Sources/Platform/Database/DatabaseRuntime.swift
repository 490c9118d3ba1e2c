public import Foundation
public import Logging
public import PostgresNIO

/// Where the product's database comes from for one run of the command: the embedded
/// cluster (started here, stopped when done) or the server `DATABASE_URL` names.
public final class DatabaseRuntime: Sendable {
    public struct Options: Sendable {
        /// The embedded cluster's folder; ignored with `DATABASE_URL`.
        public var dataDirectory: String
        /// Listen on this loopback TCP port as well as the socket.
        public var tcpPort: Int?
        public var environment: [String: String]

        public init(dataDirectory: String, tcpPort: Int? = nil, environment: [String: String] = ProcessInfo.processInfo.environment) {
            self.dataDirectory = dataDirectory
            self.tcpPort = tcpPort
            self.environment = environment
        }
    }

    public let settings: DatabaseSettings
    public let localCluster: LocalPostgres?
    private let logger: Logger

    private init(settings: DatabaseSettings, localCluster: LocalPostgres?, logger: Logger) {
        self.settings = settings
        self.localCluster = localCluster
        self.logger = logger
    }

    /// Starts (or reuses) the embedded cluster and prepares its roles and database, or
    /// checks that `DATABASE_URL` is well formed. Nothing is migrated here.
    public static func start(_ options: Options, logger: Logger) async throws -> DatabaseRuntime {
        if let url = options.environment["DATABASE_URL"], !url.isEmpty {
            return DatabaseRuntime(settings: try DatabaseSettings.fromURL(url, environment: options.environment), localCluster: nil, logger: logger)
        }
        let cluster = try LocalPostgres(dataDirectory: options.dataDirectory, tcpPort: options.tcpPort, logger: logger)
        try cluster.start()
        let settings = DatabaseSettings.embedded(socketPath: cluster.socketPath)
        if let bootstrap = settings.bootstrap {
            let client = PostgresClient(configuration: bootstrap, backgroundLogger: logger)
            try await client.whileRunning { client in
                try await client.withConnection { connection in
                    try await DatabaseBootstrap.prepareRoles(connection, logger: logger)
                    try await DatabaseBootstrap.createDatabase(settings.databaseName, connection, logger: logger)
                }
            }
        }
        return DatabaseRuntime(settings: settings, localCluster: cluster, logger: logger)
    }

    /// Applies pending migrations as the owner.
    @discardableResult
    public func migrate(_ migrations: [Migration]) async throws -> [Int] {
        let migrator = try Migrator(migrations: migrations, logger: logger)
        return try await withOwner { connection in try await migrator.migrate(owner: connection) }
    }

    /// Checks the schema matches this build (refuses a newer or altered one).
    public func verify(_ migrations: [Migration]) async throws {
        let migrator = try Migrator(migrations: migrations, logger: logger)
        try await withOwner { connection in try await migrator.verify(connection) }
    }

    /// How long an operator command waits for a connection before it says the database cannot be
    /// reached. Longer than a request's 5 s (nobody is holding a page open, and a busy server is
    /// slow to start a backend for a fresh process: CI saw a command give up at 5 s under the whole
    /// test suite), still bounded, so an unreachable server fails in seconds, not never.
    public static let commandConnectionWait: Duration = .seconds(30)

    /// Runs `body` with a database facade over a client of the application role (operator commands
    /// that act in a tenant's transaction, as the API would), the client running only meanwhile.
    public func withApplication<T: Sendable>(_ body: @escaping @Sendable (Database) async throws -> T) async throws -> T {
        let client = PostgresClient(configuration: settings.application, backgroundLogger: logger)
        let logger = self.logger
        return try await client.whileRunning { client in
            try await body(Database(client: client, logger: logger, connectionWait: Self.commandConnectionWait))
        }
    }

    /// Runs `body` on one owner connection (operator commands: demo data, tokens, dead letters).
    public func withOwner<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        let client = PostgresClient(configuration: settings.owner, backgroundLogger: logger)
        let logger = self.logger
        return try await client.whileRunning { client in
            try await Database(client: client, logger: logger, connectionWait: Self.commandConnectionWait).withConnection { try await body($0) }
        }
    }

    /// Stops the embedded cluster if this process started it and no other CareLedger
    /// process is still connected to it (a second `careledger` reuses a running cluster).
    public func shutdown() async {
        guard let cluster = localCluster, cluster.startedByThisProcess else { return }
        // This process's own pool may still be closing its connections: give them a second to go.
        var othersConnected = await otherClientsConnected()
        for _ in 0..<10 where othersConnected {
            try? await Task.sleep(for: .milliseconds(100))
            othersConnected = await otherClientsConnected()
        }
        if othersConnected {
            logger.notice("leaving the local PostgreSQL running: another careledger process is using it")
            return
        }
        do { try cluster.stop() } catch { logger.error("could not stop the local PostgreSQL cleanly", metadata: ["error": "\(error)"]) }
    }

    private func otherClientsConnected() async -> Bool {
        guard let bootstrap = settings.bootstrap else { return false }
        let client = PostgresClient(configuration: bootstrap, backgroundLogger: logger)
        let count = try? await client.whileRunning { client in
            try await client.withConnection { connection in
                var others = 0
                for try await n in try await connection.query("""
                    SELECT count(*)::int FROM pg_stat_activity
                    WHERE backend_type = 'client backend' AND pid <> pg_backend_pid() AND datname = \(self.settings.databaseName)
                      AND application_name <> 'careledger-shutdown-check'
                    """, logger: self.logger).decode(Int.self) { others = n }
                return others
            }
        }
        return (count ?? 0) > 0
    }
}
