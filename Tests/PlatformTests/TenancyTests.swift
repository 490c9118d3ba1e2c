import Foundation
import Logging
import Platform
import PlatformTesting
import PostgresNIO
import Testing

@Suite("Tenancy and row-level security")
struct TenancyTests {
    @Test("every tenant table has row-level security enabled, forced, and a policy for the application role")
    func everyTenantTableIsIsolated() async throws {
        try await TestDatabase.with { db in
            let unprotected = try await db.ownerScalars("""
                SELECT c.relname::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = 'public' AND c.relkind = 'r'
                  AND (EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'organization_id' AND NOT a.attisdropped)
                       OR c.relname = 'pf_organizations')
                  AND NOT (c.relrowsecurity AND c.relforcerowsecurity
                           AND EXISTS (SELECT 1 FROM pg_policies p WHERE p.tablename = c.relname AND 'careledger_app' = ANY (p.roles)))
                """, as: String.self)
            #expect(unprotected.isEmpty, "tenant tables without a forced policy: \(unprotected)")
            let tenantTables = try await db.ownerScalars("""
                SELECT count(*)::int FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
                WHERE c.relkind = 'r' AND a.attname = 'organization_id' AND c.relnamespace = 'public'::regnamespace
                """, as: Int.self)
            #expect(tenantTables.first ?? 0 >= 10)
        }
    }

    @Test("the application role owns no table")
    func applicationRoleOwnsNothing() async throws {
        try await TestDatabase.with { db in
            let owned = try await db.ownerScalars("SELECT count(*)::int FROM pg_tables WHERE tableowner = 'careledger_app'", as: Int.self)
            #expect(owned == [0])
        }
    }

    @Test("SQL run as the application role sees and writes only its own organization")
    func crossTenantSQLIsImpossible() async throws {
        try await TestDatabase.with { db in
            let database = db.database
            let a = try await Organizations.create(name: "Alpha", slug: "alpha", database: database)
            let b = try await Organizations.create(name: "Beta", slug: "beta", database: database)
            let siteB = try await database.withTenant(b) { tx in try await Organizations.createSite(name: "Beta site", in: tx) }
            _ = try await database.withTenant(a) { tx in try await Organizations.createSite(name: "Alpha site", in: tx) }

            // A query with no tenant filter at all still sees one organization's rows.
            let seenByA = try await database.withTenant(a) { tx in try await tx.rows("SELECT name FROM pf_sites").map { try $0.decode(String.self) } }
            #expect(seenByA == ["Alpha site"])
            let orgsSeenByA = try await database.withTenant(a) { tx in try await tx.rows("SELECT id FROM pf_organizations").count }
            #expect(orgsSeenByA == 1)

            // Writing a row into another tenant is refused and changes nothing.
            await #expect(throws: DomainError.self) {
                try await database.withTenant(a) { tx in
                    try await tx.query("INSERT INTO pf_sites (organization_id, id, name) VALUES (\(b), \(UUID()), 'sneaky')")
                }
            }
            // Updating another tenant's row matches nothing.
            let updated = try await database.withTenant(a) { tx in
                try await tx.rows("UPDATE pf_sites SET name = 'renamed' WHERE id = \(siteB) RETURNING 1").count
            }
            #expect(updated == 0)
            let names = try await db.ownerScalars("SELECT name FROM pf_sites WHERE organization_id = \(b)", as: String.self)
            #expect(names == ["Beta site"])

            // With no tenant set, tenant tables show nothing.
            let unscoped = try await database.withoutTenant { connection in
                try await connection.query("SELECT count(*)::int FROM pf_sites", logger: db.logger).decode(Int.self).reduce(0) { $0 + $1 }
            }
            #expect(unscoped == 0)
        }
    }

    @Test("the audit log is append-only for the application role")
    func auditLogIsAppendOnly() async throws {
        try await TestDatabase.with { db in
            let database = db.database
            let org = try await Organizations.create(name: "Audit", slug: "audit-org", database: database)
            try await database.withTenant(org) { tx in
                try await AuditLog.record(AuditEntry(action: "test.recorded", entityType: "thing", entityID: "1", reason: "because"), by: nil, in: tx)
            }
            for statement in ["UPDATE pf_audit_log SET reason = 'changed'", "DELETE FROM pf_audit_log"] {
                await #expect(throws: (any Error).self) {
                    try await database.withTenant(org) { tx in try await tx.query(PostgresQuery(unsafeSQL: statement)) }
                }
            }
            let reasons = try await db.ownerScalars("SELECT reason FROM pf_audit_log", as: String.self)
            #expect(reasons == ["because"])
            // Not even the owner may rewrite history.
            await #expect(throws: (any Error).self) { try await db.asOwner("DELETE FROM pf_audit_log") }
        }
    }

    /// The two tables that hold an organization's history without a foreign key to it (Platform 0043,
    /// 0044), and a row of each for the organization `$1`.
    static let historyTables: [(table: String, row: String)] = [
        ("pf_audit_log", "INSERT INTO pf_audit_log (organization_id, action, entity_type) VALUES ($1, 'test.recorded', 'thing')"),
        ("pf_event_outbox", """
            INSERT INTO pf_event_outbox (organization_id, id, event_type, version, channel, correlation_id, payload)
            VALUES ($1, gen_random_uuid(), 'test.happened', 1, 'pf_events', gen_random_uuid(), '{}'::jsonb)
            """),
    ]

    @Test("an organization with audit entries or events is never deleted or truncated, though neither holds a key to it",
          arguments: historyTables)
    func organizationKeepsItsHistory(table: String, row: String) async throws {
        try await TestDatabase.with { db in
            // Bare organizations (no roles or sites), so only the history table could hold them back.
            let (kept, free) = (UUID.random(), UUID.random())
            try await db.asOwner("INSERT INTO pf_organizations (id, name, slug) VALUES (\(kept), 'Kept', 'kept-org'), (\(free), 'Free', 'free-org')")
            var insert = PostgresQuery(unsafeSQL: row)
            insert.binds.append(kept)
            try await db.asOwner(insert)
            // A row takes no lock on its organization's row: no foreign key leads there.
            #expect(try await db.ownerScalars("""
                SELECT count(*)::int FROM pg_constraint WHERE conrelid = \(table)::regclass AND contype = 'f'
                """, as: Int.self) == [0])
            do {
                try await db.asOwner("DELETE FROM pf_organizations WHERE id = \(kept)")
                Issue.record("an organization with rows in \(table) was deleted")
            } catch let error as PSQLError {
                #expect(error.serverInfo?[.sqlState] == "23503")
            }
            await #expect(throws: PSQLError.self) { try await db.asOwner("TRUNCATE pf_organizations CASCADE") }
            try await db.asOwner("DELETE FROM pf_organizations WHERE id = \(free)")
            #expect(try await db.ownerScalars("SELECT slug FROM pf_organizations", as: String.self) == ["kept-org"])
            #expect(try await db.ownerScalars(PostgresQuery(unsafeSQL: "SELECT count(*)::int FROM \(table)"), as: Int.self) == [1])
        }
    }

    @Test("a facility needs a real IANA time zone and a two-letter state")
    func facilityValidation() async throws {
        try await TestDatabase.with { db in
            let database = db.database
            let org = try await Organizations.create(name: "Zones", slug: "zones", database: database)
            let site = try await database.withTenant(org) { tx in try await Organizations.createSite(name: "S", in: tx) }
            await #expect(throws: DomainError.invalid("time_zone", "Unknown IANA time zone Mars/Olympus.")) {
                try await database.withTenant(org) { tx in
                    _ = try await Organizations.createFacility(siteID: site, name: "F", stateCode: "AZ", timeZone: "Mars/Olympus", by: nil, in: tx)
                }
            }
            // Foundation reads an offset as a zone too, but the OpenAPI document lists only the known identifiers.
            await #expect(throws: DomainError.invalid("time_zone", "Unknown IANA time zone GMT+5.")) {
                try await database.withTenant(org) { tx in
                    _ = try await Organizations.createFacility(siteID: site, name: "F", stateCode: "AZ", timeZone: "GMT+5", by: nil, in: tx)
                }
            }
            await #expect(throws: DomainError.self) {
                try await database.withTenant(org) { tx in
                    _ = try await Organizations.createFacility(siteID: site, name: "F", stateCode: "az", timeZone: "America/Phoenix", by: nil, in: tx)
                }
            }
            let facility = try await database.withTenant(org) { tx in
                try await Organizations.createFacility(siteID: site, name: "F", stateCode: "AZ", timeZone: "America/Phoenix", by: nil, in: tx)
            }
            #expect(facility.timeZone == "America/Phoenix")
        }
    }
}
