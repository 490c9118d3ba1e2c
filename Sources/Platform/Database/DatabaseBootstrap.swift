import Foundation
public import Logging
public import PostgresNIO

/// Creates the roles and the database on a cluster we administer (the embedded one and
/// the test cluster): an owner that runs migrations and an application role that owns nothing.
public enum DatabaseBootstrap {
    public static func prepareRoles(_ connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query(PostgresQuery(unsafeSQL: """
            DO $$
            BEGIN
              -- Roles are cluster-wide: two processes preparing at once must not both create them.
              PERFORM pg_advisory_xact_lock(hashtext('careledger.prepare_roles'));
              IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '\(DatabaseSettings.ownerRole)') THEN
                CREATE ROLE \(DatabaseSettings.ownerRole) LOGIN NOSUPERUSER CREATEROLE NOBYPASSRLS;
              END IF;
              IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '\(DatabaseSettings.applicationRole)') THEN
                CREATE ROLE \(DatabaseSettings.applicationRole) LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS;
              END IF;
            END $$
            """), logger: logger)
    }

    /// Creates `name` owned by the owner role unless it exists; optionally cloned from a template.
    public static func createDatabase(_ name: String, template: String? = nil, _ connection: PostgresConnection, logger: Logger) async throws {
        precondition(name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }, "database names are plain identifiers")
        let exists = try await connection.query("SELECT 1 FROM pg_database WHERE datname = \(name)", logger: logger)
            .decode(Int.self).reduce(into: false) { found, _ in found = true }
        guard !exists else { return }
        let templateClause = template.map { " TEMPLATE \($0)" } ?? ""
        try await connection.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name) OWNER \(DatabaseSettings.ownerRole)\(templateClause)"), logger: logger)
    }
}

extension PostgresClient {
    /// Runs the client's pool for the duration of `body` (a client only serves while `run()` is active).
    @discardableResult
    public func whileRunning<T: Sendable>(_ body: @Sendable (PostgresClient) async throws -> T) async throws -> T {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await self.run() }
            defer { group.cancelAll() }
            // Let run() begin before the first lease: a lease that wins the race still works but
            // makes PostgresNIO print a warning on every operator command.
            try await Task.sleep(for: .milliseconds(5))
            return try await body(self)
        }
    }
}
