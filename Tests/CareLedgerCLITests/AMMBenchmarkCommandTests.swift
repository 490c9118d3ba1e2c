import Foundation
import Testing

@Suite("AMM benchmark command")
struct AMMBenchmarkCommandTests {
    @Test("bench amm loads dispensings, times AMM's period computation and prints both phases")
    func runsEndToEnd() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("careledger-bench-amm-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try await CommandRunner.run(["bench", "amm", "--data-dir", folder.appendingPathComponent("pgdata").path,
                                             "--dispensings", "200", "--runs", "1"], environment: [:])
        #expect(outcome.status == 0, "\(outcome.stderr.suffix(1500))")
        #expect(outcome.stdout.contains("Loaded 200 dispensings for 20 patients"), "\(outcome.stdout)")
        // All 20 start in the intake period; patient 0's earlier dispensing breaks its negative history,
        // patients 9 and 19 have no depression visit: 17 in the denominator.
        #expect(outcome.stdout.contains("HEDIS_AMM_ACUTE: initial population 20, denominator 17"), "\(outcome.stdout)")
        #expect(outcome.stdout.contains("HEDIS_AMM_CONT: initial population 20, denominator 17"), "\(outcome.stdout)")
        #expect(outcome.stdout.contains("reads ") && outcome.stdout.contains("the pass over patients "))
    }

    @Test("bench amm refuses too few dispensings before touching a database")
    func refusesBadOptions() async throws {
        let outcome = try await CommandRunner.run(["bench", "amm", "--dispensings", "5"], environment: [:])
        #expect(outcome.status != 0)
        #expect(outcome.stderr.contains("--dispensings at least 10"))
    }
}
