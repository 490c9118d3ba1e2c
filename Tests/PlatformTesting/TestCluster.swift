import Foundation
public import Logging
public import Platform
import PostgresNIO

/// A throwaway PostgreSQL cluster for the test process, started on first use from the
/// same launcher the product uses, and removed when the process exits.
public actor TestCluster {
    public static let shared = TestCluster()

    private var cluster: LocalPostgres?
    /// One build per migration set; a Task, so suites that ask at once (the actor is
    /// reentrant across its awaits) wait for the same build instead of racing to make it.
    private var templates: [String: Task<String, any Error>] = [:]
    private var counter = 0
    public nonisolated let logger: Logger = {
        var logger = Logger(label: "careledger.tests")
        logger.logLevel = ProcessInfo.processInfo.environment["CARELEDGER_TEST_LOG"] == "debug" ? .debug : .warning
        return logger
    }()

    /// The running cluster (started if needed).
    public func running() throws -> LocalPostgres {
        if let cluster { return cluster }
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("careledger-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))").path
        // Every suite of a run shares this cluster at once, each with its own pools: 200 connections ran
        // out under the full suite, and pools then waited past their lease timeouts.
        let cluster = try LocalPostgres(dataDirectory: folder, maxConnections: 1000, logger: logger)
        try cluster.start()
        TestClusterCleanup.register(cluster)
        self.cluster = cluster
        return cluster
    }

    /// A new, empty-of-data database with the given migrations applied, and its settings.
    public func freshDatabase(migrations: [Migration]) async throws -> DatabaseSettings {
        let cluster = try running()
        let key = migrations.map { "\($0.version)" }.joined(separator: ",")
        let build: Task<String, any Error>
        if let existing = templates[key] {
            build = existing
        } else {
            let name = "tmpl_\(templates.count)"
            let logger = self.logger
            build = Task {
                try await Self.withBootstrap(cluster, logger: logger) { connection in
                    try await DatabaseBootstrap.prepareRoles(connection, logger: logger)
                    try await DatabaseBootstrap.createDatabase(name, connection, logger: logger)
                }
                let settings = DatabaseSettings.embedded(socketPath: cluster.socketPath, database: name)
                let owner = PostgresClient(configuration: settings.owner, backgroundLogger: logger)
                let migrator = try Migrator(migrations: migrations, logger: logger)
                try await owner.whileRunning { client in
                    try await client.withConnection { try await migrator.migrate(owner: $0) }
                }
                try await Self.withBootstrap(cluster, logger: logger) { try await Self.closeTemplate(name, $0, logger: logger) }
                return name
            }
            templates[key] = build
        }
        let template = try await build.value
        counter += 1
        let name = "test_\(counter)"
        try await Self.withBootstrap(cluster, logger: logger) { connection in
            try await DatabaseBootstrap.createDatabase(name, template: template, connection, logger: self.logger)
        }
        return DatabaseSettings.embedded(socketPath: cluster.socketPath, database: name)
    }

    /// Copying a database needs its template to have no session for the whole copy, and PostgreSQL
    /// waits only 5 s for one to leave. Under a loaded CI machine a session of the build's own pool
    /// outlived that wait (SQLSTATE 55006, "source database is being accessed by other users") and
    /// every suite cloning that template failed at once. So once built, the template refuses new
    /// connections (autovacuum included), any session still on it is ended, and the clones wait
    /// until none is left.
    private static func closeTemplate(_ name: String, _ connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query(PostgresQuery(unsafeSQL: "ALTER DATABASE \(name) WITH ALLOW_CONNECTIONS false"), logger: logger)
        let deadline = ContinuousClock.now + .seconds(120)
        while true {
            var remaining = 0
            for try await count in try await connection.query("""
                SELECT count(pg_terminate_backend(pid))::int FROM pg_stat_activity WHERE datname = \(name) AND pid <> pg_backend_pid()
                """, logger: logger).decode(Int.self) { remaining = count }
            if remaining == 0 { return }
            guard ContinuousClock.now < deadline else {
                throw TemplateBusy(description: "\(remaining) session(s) still on template \(name) after 120 s")
            }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    struct TemplateBusy: Error, CustomStringConvertible {
        let description: String
    }

    private static func withBootstrap(_ cluster: LocalPostgres, logger: Logger, _ body: @Sendable (PostgresConnection) async throws -> Void) async throws {
        guard let bootstrap = DatabaseSettings.embedded(socketPath: cluster.socketPath).bootstrap else { return }
        let client = PostgresClient(configuration: bootstrap, backgroundLogger: logger)
        try await client.whileRunning { client in
            try await client.withConnection { try await body($0) }
        }
    }
}

/// Stops and deletes the test cluster when the test process exits.
enum TestClusterCleanup {
    nonisolated(unsafe) private static var folder: String?
    nonisolated(unsafe) private static var pgCtl: String?

    static func register(_ cluster: LocalPostgres) {
        folder = cluster.dataDirectory
        pgCtl = cluster.binaries.pgCtl
        atexit {
            guard let folder = TestClusterCleanup.folder, let pgCtl = TestClusterCleanup.pgCtl else { return }
            TestClusterCleanup.reportServerTrouble(logAt: "\(folder)/server.log")
            let runAs = geteuid() == 0 ? "/usr/sbin/runuser -u postgres -- " : ""
            _ = system("\(runAs)\(pgCtl) -D '\(folder)' -m immediate -w stop >/dev/null 2>&1; rm -rf '\(folder)'")
        }
    }

    /// What a crash, a signal or a shutdown of the shared cluster left in its log, printed before the
    /// log is deleted: when many tests fail at once, the cause is there and nowhere else.
    static func reportServerTrouble(logAt path: String) {
        guard let log = try? String(contentsOfFile: path, encoding: .utf8) else { return }
        let signs = ["terminated by signal", "was terminated", "PANIC", "terminating any other active server processes",
                     "all server processes terminated", "shutdown request", "out of memory", "could not fork",
                     "too many clients", "interrupted; last known up"]
        let trouble = log.split(separator: "\n").filter { line in signs.contains { line.contains($0) } }
        guard !trouble.isEmpty else { return }
        FileHandle.standardError.write(Data((["The test cluster's server log reports trouble (\(trouble.count) lines, the first 40):"]
            + trouble.prefix(40).map { "  \($0)" }).joined(separator: "\n").utf8 + [0x0a]))
    }
}
