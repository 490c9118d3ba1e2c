import Foundation
public import Logging
public import PostgresNIO

/// Applies migrations in order, each in its own transaction, recording a checksum, and
/// refuses a database whose applied migrations differ from the code's.
public struct Migrator: Sendable {
    public let migrations: [Migration]
    let logger: Logger

    public init(migrations: [Migration], logger: Logger) throws {
        var seen = Set<Int>()
        for migration in migrations where !seen.insert(migration.version).inserted {
            throw MigrationError.duplicateVersion(migration.version)
        }
        self.migrations = migrations.sorted { $0.version < $1.version }
        self.logger = logger
    }

    /// Applies what is pending, as the schema owner. Returns the versions applied.
    @discardableResult
    public func migrate(owner connection: PostgresConnection) async throws -> [Int] {
        try await connection.query("""
            CREATE TABLE IF NOT EXISTS pf_schema_migrations (
              version int PRIMARY KEY, name text NOT NULL, checksum text NOT NULL,
              applied_at timestamptz NOT NULL DEFAULT now())
            """, logger: logger)
        try await connection.query("GRANT SELECT ON pf_schema_migrations TO PUBLIC", logger: logger)
        var applied: [Int] = []
        for migration in migrations {
            let didApply = try await Database.inTransaction(connection, logger: logger) { () async throws -> Bool in
                // One migrator at a time, even across processes.
                try await connection.query("SELECT pg_advisory_xact_lock(7242019)", logger: logger)
                let existing = try await appliedChecksums(connection)
                if let checksum = existing[migration.version] {
                    guard checksum == (try await self.checksum(of: migration, connection)) else {
                        throw MigrationError.checksumMismatch(version: migration.version, name: migration.name)
                    }
                    return false
                }
                for statement in migration.statements {
                    do {
                        try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                    } catch let error as PSQLError {
                        throw MigrationError.failed(version: migration.version, name: migration.name,
                                                    reason: error.serverInfo?[.message] ?? "\(error.code)")
                    }
                }
                try await connection.query("""
                    INSERT INTO pf_schema_migrations (version, name, checksum)
                    VALUES (\(migration.version), \(migration.name), encode(sha256(convert_to(\(migration.sql), 'UTF8')), 'hex'))
                    """, logger: logger)
                return true
            }
            if didApply {
                applied.append(migration.version)
                logger.info("applied migration", metadata: ["version": "\(migration.version)", "name": .string(migration.name)])
            }
        }
        try await verify(connection)
        return applied
    }

    /// Checks, without changing anything, that the database matches this build exactly.
    public func verify(_ connection: PostgresConnection) async throws {
        let existing: [Int: String]
        do {
            existing = try await appliedChecksums(connection)
        } catch let error as PSQLError where error.serverInfo?[.sqlState] == "42P01" {
            throw MigrationError.pending(versions: migrations.map(\.version))
        }
        let known = Set(migrations.map(\.version))
        if let newer = existing.keys.filter({ !known.contains($0) }).max() {
            throw MigrationError.databaseNewerThanCode(version: newer)
        }
        for migration in migrations {
            guard let stored = existing[migration.version] else { continue }
            if stored != (try await checksum(of: migration, connection)) {
                throw MigrationError.checksumMismatch(version: migration.version, name: migration.name)
            }
        }
        let pending = migrations.map(\.version).filter { existing[$0] == nil }
        if !pending.isEmpty { throw MigrationError.pending(versions: pending) }
    }

    private func appliedChecksums(_ connection: PostgresConnection) async throws -> [Int: String] {
        var result: [Int: String] = [:]
        for try await (version, checksum) in try await connection.query(
            "SELECT version, checksum FROM pf_schema_migrations", logger: logger).decode((Int, String).self) {
            result[version] = checksum
        }
        return result
    }

    private func checksum(of migration: Migration, _ connection: PostgresConnection) async throws -> String {
        for try await value in try await connection.query(
            "SELECT encode(sha256(convert_to(\(migration.sql), 'UTF8')), 'hex')", logger: logger).decode(String.self) {
            return value
        }
        return ""
    }
}
