import CareLedgerApp
import Platform
import PlatformTesting
import PostgresNIO
import Testing

/// The SQL functions that read another core's tables are created with `check_function_bodies`
/// off (each core migrates on its own), so nothing at migration time notices when a table or
/// column they name changes. This check compiles every SQL-language function again, bodies
/// checked, against the whole schema.
@Suite("SQL functions over the cores' tables")
struct IntegrationFunctionTests {
    /// Recreates each SQL-language function of the public schema with its body checked, and rolls back.
    static func checkFunctionBodies(_ db: TestDatabase) async throws {
        try await db.asOwner("""
            DO $$
            DECLARE f oid;
            BEGIN
              SET LOCAL check_function_bodies = on;
              FOR f IN SELECT p.oid FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
                       WHERE l.lanname = 'sql' AND p.pronamespace = 'public'::regnamespace AND p.prokind = 'f'
                         AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
              LOOP
                EXECUTE pg_get_functiondef(f);
              END LOOP;
              RAISE EXCEPTION USING ERRCODE = 'P0002', MESSAGE = 'checked';
            END $$
            """)
    }

    static func bodiesCompile(_ db: TestDatabase) async -> Bool {
        do {
            try await checkFunctionBodies(db)
            return true
        } catch let error as PSQLError where error.serverInfo?[.sqlState] == "P0002" {
            return true
        } catch {
            return false
        }
    }

    @Test("every SQL function's body compiles against the full schema")
    func bodiesCompileToday() async throws {
        try await TestDatabase.with(migrations: try CareLedgerSchema.migrations()) { db in
            #expect(await Self.bodiesCompile(db))
        }
    }

    @Test("renaming a column an integration function reads makes the check fail", arguments: [
        "ALTER TABLE pm_group_size_bands RENAME COLUMN unit_rate_cents TO rate_cents",
        "ALTER TABLE cl_group_attendance RENAME COLUMN attendance_status TO status",
        "ALTER TABLE cl_patient_attendance_weeks RENAME COLUMN monday_minutes TO mon_minutes",
        "ALTER TABLE cl_patient_attendance_site_weeks RENAME COLUMN site_id TO location_id",
    ])
    func renamedColumnFails(statement: String) async throws {
        try await TestDatabase.with(migrations: try CareLedgerSchema.migrations()) { db in
            try await db.asOwner(PostgresQuery(unsafeSQL: statement))
            #expect(await Self.bodiesCompile(db) == false)
        }
    }
}
