import PlatformTesting
import PostgresNIO

/// What the distribution checks need from `pg_catalog` for the `public` schema.
struct SchemaCatalog {
    struct Constraint {
        var table: String
        var name: String
        /// `p` primary key, `f` foreign key, `u` unique.
        var kind: String
        var columns: [String]
        var referencedTable: String?
        var referencedColumns: [String]
    }

    struct UniqueIndex {
        var table: String
        var name: String
        var includesOrganization: Bool
    }

    var tables: [String] = []
    var tenantTables: Set<String> = []
    var forcedRowSecurity: Set<String> = []
    var constraints: [Constraint] = []
    var uniqueIndexes: [UniqueIndex] = []

    static func read(_ db: TestDatabase) async throws -> SchemaCatalog {
        var catalog = SchemaCatalog()
        for try await (name, tenant, forced) in try await db.owner.query("""
            SELECT c.relname::text,
                   EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'organization_id' AND NOT a.attisdropped),
                   c.relrowsecurity AND c.relforcerowsecurity
            FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p')
            """, logger: db.logger).decode((String, Bool, Bool).self) {
            catalog.tables.append(name)
            if tenant { catalog.tenantTables.insert(name) }
            if forced { catalog.forcedRowSecurity.insert(name) }
        }
        for try await (table, name, kind, columns, referenced, referencedColumns) in try await db.owner.query("""
            SELECT con.conrelid::regclass::text, con.conname::text, con.contype::text,
                   ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(n, i)
                         JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.n ORDER BY k.i),
                   nullif(con.confrelid, 0)::regclass::text,
                   ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(n, i)
                         JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.n ORDER BY k.i)
            FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid
            WHERE c.relnamespace = 'public'::regnamespace AND con.contype IN ('p', 'f', 'u')
            """, logger: db.logger).decode((String, String, String, [String], String?, [String]).self) {
            catalog.constraints.append(Constraint(table: table, name: name, kind: kind, columns: columns,
                                                  referencedTable: referenced, referencedColumns: referencedColumns))
        }
        for try await (table, name, includesOrganization) in try await db.owner.query("""
            SELECT i.indrelid::regclass::text, i.indexrelid::regclass::text,
                   EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = i.indrelid AND a.attname = 'organization_id'
                                                          AND a.attnum = ANY (i.indkey::int2[]))
            FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
            WHERE c.relnamespace = 'public'::regnamespace AND i.indisunique
            """, logger: db.logger).decode((String, String, Bool).self) {
            catalog.uniqueIndexes.append(UniqueIndex(table: table, name: name, includesOrganization: includesOrganization))
        }
        return catalog
    }
}
