import Platform
import PostgresNIO

/// Server settings a period statement runs under, set for its body only and put back after, so
/// the rest of a finalizing transaction runs with the server's own settings.
enum PeriodStatementSettings {
    static let workMemory = "64MB"

    /// For the statements that join hundreds of thousands of rows (IET's episodes, AMM's
    /// dispensings): enough memory that their hashes and sorts stay off disk (the default 4 MB
    /// spilled every one of IET's aggregates at full size), and no JIT compilation, which spent
    /// about 0.2 s compiling IET's statement for no measurable gain.
    static func withLargeReads<Result>(in tx: TenantTransaction, _ body: () async throws -> Result) async throws -> Result {
        try await with(["work_mem": workMemory, "jit": "off"], in: tx, body)
    }

    /// For a statement of many small index probes whose estimated cost passes JIT's inlining
    /// threshold (FUH's and FUM's follow-up reads): compiling it cost about as long as running it.
    static func withoutJIT<Result>(in tx: TenantTransaction, _ body: () async throws -> Result) async throws -> Result {
        try await with(["jit": "off"], in: tx, body)
    }

    private static func with<Result>(_ settings: [String: String], in tx: TenantTransaction,
                                      _ body: () async throws -> Result) async throws -> Result {
        let names = Array(settings.keys), values = Array(settings.values)
        let previous = try await tx.rows("""
            SELECT current_setting(s.name), set_config(s.name, s.value, true)
            FROM unnest(\(names)::text[], \(values)::text[]) WITH ORDINALITY AS s(name, value, n) ORDER BY s.n
            """).map { try $0.decode((String, String).self).0 }
        let restore: PostgresQuery = "SELECT set_config(s.name, s.value, true) FROM unnest(\(names)::text[], \(previous)::text[]) AS s(name, value)"
        do {
            let result = try await body()
            try await tx.query(restore)
            return result
        } catch {
            _ = try? await tx.query(restore)
            throw error
        }
    }
}
