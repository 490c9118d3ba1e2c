import Platform
import PostgresNIO

extension TenantTransaction {
    /// Runs `body` with PostgreSQL's JIT compilation off for the transaction's statements, then
    /// puts the setting back. For a statement of many small index probes whose estimated cost passes
    /// the inlining threshold: compiling it cost more than it saved (FUH's read at full size: about
    /// a second of compilation for a statement that runs in about one, see docs/BENCHMARKS.md).
    func withoutJIT<Result: Sendable>(_ body: () async throws -> Result) async throws -> Result {
        var previous = "on"
        for try await setting in try await query("SELECT current_setting('jit'), set_config('jit', 'off', true)").decode((String, String).self) {
            previous = setting.0
        }
        do {
            let result = try await body()
            try await query("SELECT set_config('jit', \(previous), true)")
            return result
        } catch {
            _ = try? await query("SELECT set_config('jit', \(previous), true)")
            throw error
        }
    }
}
