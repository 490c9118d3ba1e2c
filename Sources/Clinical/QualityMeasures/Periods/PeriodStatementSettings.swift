import Platform
import PostgresNIO

/// Settings for the period statements that join hundreds of thousands of rows (IET's episodes,
/// AMM's dispensings): enough memory that their hashes and sorts stay off disk (the default 4 MB
/// spilled every one of IET's aggregates at full size), and no JIT compilation, which spent about
/// 0.2 s compiling IET's statement for no measurable gain. Both are set for the body only and put
/// back after, so the rest of a finalizing transaction runs with the server's own settings.
enum PeriodStatementSettings {
    static let workMemory = "64MB"

    static func withLargeReads<Result>(in tx: TenantTransaction, _ body: () async throws -> Result) async throws -> Result {
        var previous = (workMemory: "", jit: "")
        for try await (workMemory, jit, _, _) in try await tx.query("""
            SELECT current_setting('work_mem'), current_setting('jit'), set_config('work_mem', \(Self.workMemory), true), set_config('jit', 'off', true)
            """).decode((String, String, String, String).self) {
            previous = (workMemory, jit)
        }
        let result = try await body()
        for try await _ in try await tx.query("SELECT set_config('work_mem', \(previous.workMemory), true), set_config('jit', \(previous.jit), true)") {}
        return result
    }
}
