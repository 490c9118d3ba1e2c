import Foundation
import Platform
import PlatformTesting
import PostgresNIO
import Testing

@Suite("Migrations")
struct MigrationTests {
    @Test("a changed applied migration is refused with a clear error")
    func changedMigrationIsRefused() async throws {
        try await TestDatabase.with { db in
            var migrations = try PlatformMigrations.all()
            let first = migrations[0]
            migrations[0] = Migration(version: first.version, name: first.name, sql: first.sql + "\n-- edited")
            let migrator = try Migrator(migrations: migrations, logger: db.logger)
            await #expect(throws: MigrationError.checksumMismatch(version: first.version, name: first.name)) {
                try await db.owner.withConnection { try await migrator.migrate(owner: $0) }
            }
        }
    }

    @Test("a database newer than the code is refused")
    func newerDatabaseIsRefused() async throws {
        try await TestDatabase.with { db in
            let all = try PlatformMigrations.all()
            let migrator = try Migrator(migrations: Array(all.dropLast()), logger: db.logger)
            await #expect(throws: MigrationError.databaseNewerThanCode(version: all.last!.version)) {
                try await db.owner.withConnection { try await migrator.verify($0) }
            }
        }
    }

    @Test("a failing migration rolls back completely and applies again once fixed")
    func failingMigrationRollsBack() async throws {
        try await TestDatabase.with { db in
            let broken = Migration(version: 9001, name: "broken", sql: "CREATE TABLE pf_scratch (id int); SELECT no_such_function();")
            let migrator = try Migrator(migrations: try PlatformMigrations.all() + [broken], logger: db.logger)
            await #expect(throws: MigrationError.self) { try await db.owner.withConnection { try await migrator.migrate(owner: $0) } }
            let tables = try await db.ownerScalars("SELECT count(*)::int FROM pg_tables WHERE tablename = 'pf_scratch'", as: Int.self)
            #expect(tables == [0])
            let fixed = try Migrator(migrations: try PlatformMigrations.all() + [Migration(version: 9001, name: "fixed", sql: "CREATE TABLE pf_scratch (id int);")],
                                     logger: db.logger)
            let applied = try await db.owner.withConnection { try await fixed.migrate(owner: $0) }
            #expect(applied == [9001])
        }
    }

    @Test("statements split on semicolons outside quotes, comments and dollar bodies")
    func statementSplitting() {
        let sql = """
            -- a comment; with a semicolon
            CREATE TABLE t (a text DEFAULT 'x;y');
            CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1; $$;
            /* block; comment */ SELECT 2
            """
        let statements = Migration(version: 1, name: "t", sql: sql).statements
        #expect(statements.count == 3)
        #expect(statements[1].contains("$$ SELECT 1; $$"))
    }
}
