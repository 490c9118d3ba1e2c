import Foundation
import Testing

@Suite("Quality benchmark command")
struct QualityBenchmarkCommandTests {
    @Test("bench quality times every measure, and FUH agrees with its one-statement SQL floor")
    func runsEndToEnd() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("careledger-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try await CommandRunner.run(["bench", "quality", "--data-dir", folder.appendingPathComponent("pgdata").path,
                                             "--patients", "400", "--discharges", "300", "--ed-visits", "300", "--visits", "4000",
                                             "--sessions", "60", "--dispensings", "2000", "--runs", "1"], environment: [:])
        // The command itself fails when FUH's counts and the floor's differ.
        #expect(outcome.status == 0, "\(outcome.stderr.suffix(1500))")
        #expect(outcome.stdout.contains("Loaded 400 patients, 300 discharges, 300 ED visits, 4000 visits elsewhere and 600 roster rows"))
        #expect(outcome.stdout.contains("Loaded 2000 antidepressant dispensings for AMM"))
        for measure in ["FUH", "FUM", "IET", "AMM", "Group attendance"] { #expect(outcome.stdout.contains("  \(measure) ")) }
        #expect(outcome.stdout.contains("× the floor"))
        // The generated data gives every indicator a denominator: no "0/0" result.
        #expect(!outcome.stdout.contains("/0,") && !outcome.stdout.contains("/0 "))
        #expect(outcome.stdout.contains("Finalize (every measure computed, stored and published in one transaction)"))
    }

    @Test("bench quality refuses a bad size before touching a database")
    func refusesBadOptions() async throws {
        let outcome = try await CommandRunner.run(["bench", "quality", "--runs", "0"], environment: [:])
        #expect(outcome.status != 0)
        #expect(outcome.stderr.contains("--runs 1–20"))
    }
}
