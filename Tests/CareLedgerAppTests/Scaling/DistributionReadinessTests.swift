import CareLedgerApp
import Foundation
import Platform
import PlatformTesting
import PostgresNIO
import Testing

/// The full schema stays ready to be distributed by `organization_id` (docs/SCALING.md): read from
/// the catalog of a database migrated with every core's migrations, and from the SQL the product
/// sends. A new table, key, unique index, cross-tenant function or join that would not distribute
/// fails here, on one machine, long before anyone runs Citus.
@Suite("Distribution readiness")
struct DistributionReadinessTests {
    /// The tables without `organization_id`, and what each becomes on Citus. A new one must be
    /// added here on purpose (and to docs/SCALING.md).
    static let globalTables: [String: CitusPlacement] = [
        "pf_organizations": .reference,  // the tenant root; its `id` is every other table's organization_id
        "pf_users": .reference,  // staff accounts, shared by their memberships in several organizations
        "pf_permission_keys": .reference,
        "pm_poverty_guidelines": .reference,  // HHS's published tables, the same for every organization
        "pf_job_runs": .coordinatorLocal,
        "pf_schema_migrations": .coordinatorLocal,
    ]

    /// The functions that read across tenants as the owner; docs/SCALING.md says what each becomes.
    static let crossTenantFunctions: Set<String> = [
        "pf_add_staff", "pf_authenticate_session", "pf_authenticate_token", "pf_claim_deliveries",
        "pf_group_sessions_due", "pf_organization_ids", "pf_sign_in_candidates",
    ]

    enum CitusPlacement {
        /// Copied to every node; distributed tables may hold foreign keys to it.
        case reference
        /// Kept on the coordinator only; no distributed table refers to it.
        case coordinatorLocal
    }

    @Test("every table is a tenant table keyed by organization_id, or a declared global one")
    func keysLeadWithOrganization() async throws {
        try await TestDatabase.with(migrations: try CareLedgerSchema.migrations()) { db in
            let catalog = try await SchemaCatalog.read(db)
            let globals = Set(catalog.tables).subtracting(catalog.tenantTables)
            #expect(globals == Set(Self.globalTables.keys), "tables without organization_id must be declared global (and placed in docs/SCALING.md)")
            #expect(catalog.tenantTables.count >= 30, "the catalog read found the tenant tables")

            for table in catalog.tenantTables.sorted() {
                let primaryKey = catalog.constraints.first { $0.table == table && $0.kind == "p" }
                #expect(primaryKey?.columns.first == "organization_id", "\(table): primary key \(primaryKey?.columns ?? []) must lead with organization_id")
            }
            for foreignKey in catalog.constraints where foreignKey.kind == "f" {
                let from = foreignKey.table, to = foreignKey.referencedTable ?? ""
                switch (catalog.tenantTables.contains(from), catalog.tenantTables.contains(to)) {
                case (true, true):
                    #expect(foreignKey.columns.first == "organization_id" && foreignKey.referencedColumns.first == "organization_id",
                            "\(foreignKey.name): \(from)\(foreignKey.columns) → \(to)\(foreignKey.referencedColumns) must lead with organization_id on both sides")
                case (true, false):
                    #expect(Self.globalTables[to] == .reference, "\(foreignKey.name): a tenant table may refer only to a reference table, not \(to)")
                case (false, true):
                    Issue.record("\(foreignKey.name): global table \(from) refers to tenant table \(to); a reference table cannot refer to a distributed one")
                case (false, false):
                    #expect(Self.globalTables[from] == Self.globalTables[to], "\(foreignKey.name): \(from) and \(to) must be placed alike")
                }
            }
        }
    }

    @Test("every unique index of a tenant table includes organization_id, and row-level security is forced")
    func uniquenessAndIsolationPerTenant() async throws {
        try await TestDatabase.with(migrations: try CareLedgerSchema.migrations()) { db in
            let catalog = try await SchemaCatalog.read(db)
            for index in catalog.uniqueIndexes where catalog.tenantTables.contains(index.table) {
                #expect(index.includesOrganization, "\(index.name) on \(index.table) is unique without organization_id; a distributed table cannot enforce it")
            }
            for table in catalog.tenantTables.sorted() + ["pf_organizations"] {
                #expect(catalog.forcedRowSecurity.contains(table), "\(table) must have row-level security enabled and forced")
            }
        }
    }

    @Test("the cross-tenant SECURITY DEFINER functions are the declared ones")
    func crossTenantFunctionsAreDeclared() async throws {
        try await TestDatabase.with(migrations: try CareLedgerSchema.migrations()) { db in
            let functions = try await db.ownerScalars("""
                SELECT proname::text FROM pg_proc WHERE pronamespace = 'public'::regnamespace AND prosecdef ORDER BY 1
                """, as: String.self)
            #expect(Set(functions) == Self.crossTenantFunctions, "a new cross-tenant function needs a plan in docs/SCALING.md")
        }
    }

    @Test("no query or function joins tenant tables without matching organization_id")
    func joinsMatchOrganization() async throws {
        try await TestDatabase.with(migrations: try CareLedgerSchema.migrations()) { db in
            let catalog = try await SchemaCatalog.read(db)
            let scanner = TenantJoinScanner(tenantTables: catalog.tenantTables)
            var findings: [String] = []
            var scannedLiterals = 0
            for file in try Self.swiftSources() {
                for literal in SwiftStringLiterals.literals(in: try String(contentsOf: file, encoding: .utf8)) {
                    scannedLiterals += 1
                    for finding in scanner.findings(in: literal.text) {
                        findings.append("\(file.path.replacingOccurrences(of: Self.root.path + "/", with: "")):\(literal.line): \(finding)")
                    }
                }
            }
            // The live bodies (the last migration's version of each function), views and policies.
            var scannedBodies = 0
            for try await (name, body) in try await db.owner.query("""
                SELECT p.proname::text, p.prosrc FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
                WHERE p.pronamespace = 'public'::regnamespace AND l.lanname IN ('sql', 'plpgsql')
                UNION ALL SELECT 'view ' || viewname::text, definition FROM pg_views WHERE schemaname = 'public'
                UNION ALL SELECT 'policy ' || policyname::text || ' on ' || tablename::text, coalesce(qual, '') FROM pg_policies WHERE schemaname = 'public'
                """, logger: db.logger).decode((String, String).self) {
                scannedBodies += 1
                findings += scanner.findings(in: body).map { "function \(name): \($0)" }
            }
            #expect(scannedLiterals > 1_000 && scannedBodies > 20, "the scan read the sources (\(scannedLiterals) literals) and the catalog (\(scannedBodies) bodies)")
            #expect(findings == [], "\(findings.joined(separator: "\n"))")
        }
    }

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static func swiftSources() throws -> [URL] {
        let sources = root.appendingPathComponent("Sources")
        guard let walker = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil) else { return [] }
        return walker.compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }.sorted { $0.path < $1.path }
    }
}
