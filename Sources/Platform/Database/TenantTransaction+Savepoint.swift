import PostgresNIO

extension TenantTransaction {
    /// Runs `body` inside a savepoint: when it throws, its statements are undone and the
    /// caller's transaction stays usable (PostgreSQL aborts a transaction on its first error),
    /// and the error is rethrown for the caller to answer.
    public func withSavepoint<Result: Sendable>(_ name: String, _ body: () async throws -> Result) async throws -> Result {
        try await query(PostgresQuery(unsafeSQL: "SAVEPOINT \(name)"))
        do {
            let result = try await body()
            try await query(PostgresQuery(unsafeSQL: "RELEASE SAVEPOINT \(name)"))
            return result
        } catch {
            _ = try? await query(PostgresQuery(unsafeSQL: "ROLLBACK TO SAVEPOINT \(name)"))
            throw error
        }
    }
}
