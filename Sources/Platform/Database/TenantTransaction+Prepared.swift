public import PostgresNIO

extension TenantTransaction {
    /// Runs a prepared statement and collects its rows. PostgreSQL parses, rewrites (row-level
    /// security) and plans a prepared statement once per connection instead of on every call,
    /// which is most of the cost of the short statements on the request path. Errors translate
    /// as `query`'s do.
    ///
    /// A statement that binds an optional must declare `bindingDataTypes`: PostgresNIO otherwise
    /// infers the types from the first call's values, and a NULL there has no type.
    public func execute<Statement: PostgresPreparedStatement>(_ statement: Statement) async throws -> [Statement.Row] {
        do {
            var rows: [Statement.Row] = []
            for try await row in try await connection.execute(statement, logger: logger) { rows.append(row) }
            return rows
        } catch let error as PSQLError {
            throw Self.translate(error)
        }
    }
}
