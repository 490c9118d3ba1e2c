import Foundation
import Testing

@Suite("Charges benchmark command")
struct ChargesBenchmarkCommandTests {
    @Test("bench charges builds every member's charge through the event path, matching the floor's rows and total")
    func runsEndToEnd() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("careledger-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try await CommandRunner.run(["bench", "charges", "--data-dir", folder.appendingPathComponent("pgdata").path, "--sessions", "30"],
                                            environment: [:])
        // The command itself fails when the event path and the floor disagree on rows or cents.
        #expect(outcome.status == 0, "\(outcome.stderr.suffix(1500))")
        #expect(outcome.stdout.contains("Published 30 documented events"))
        #expect(outcome.stdout.contains("the last charges were built") && outcome.stdout.contains("(240 charges, "), "\(outcome.stdout)")
        #expect(outcome.stdout.contains("Floor (one INSERT … SELECT of the same rows): 240 rows"))
        #expect(outcome.stdout.contains("× the floor  (target: within 2× the floor)"))
    }

    @Test("bench charges refuses an out-of-range size before touching a database")
    func refusesBadOptions() async throws {
        let outcome = try await CommandRunner.run(["bench", "charges", "--sessions", "0"], environment: [:])
        #expect(outcome.status != 0)
        #expect(outcome.stderr.contains("--sessions 1–100000"))
    }
}
