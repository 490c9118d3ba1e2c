import Foundation

/// How `serve --demo` loads the demo data: `careledger demo` (this same executable) in a child
/// process, run to its end before the server starts its own database runtime, as an operator would
/// run the two commands one after the other.
///
/// The load runs code the server never needs again (every core's writes, the year of quality
/// measures, the claims) and leaves its pages of the executable and its heap resident; in a child
/// they go when it exits, so the serving process's resident set is the server's own (issue 18: an
/// idle `serve --demo` at about 42 MB, 36 MB of which without the demo).
enum DemoLoadStep {
    /// Runs the load and waits for it; its output (the sign-in accounts) goes to this process's own.
    static func run(_ database: DatabaseOptions, migrate: Bool) async throws {
        let loader = Process()
        loader.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        loader.arguments = ["demo", "--data-dir", database.dataDirectory]
            + (database.postgresPort.map { ["--pg-port", "\($0)"] } ?? [])
            + (migrate ? [] : ["--no-migrate"])
        // What this process printed so far comes first.
        fflush(nil)
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            loader.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do { try loader.run() } catch { continuation.resume(throwing: error) }
        }
        guard status == 0 else { throw CommandFailure("Loading the demo data failed (`careledger demo` exited with status \(status)); see its message above.") }
    }
}
