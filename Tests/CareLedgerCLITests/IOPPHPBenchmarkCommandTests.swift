import Foundation
import Testing

@Suite("IOP/PHP benchmark command")
struct IOPPHPBenchmarkCommandTests {
    @Test("bench iop-php loads a small organization, times the month report and prints its figures beside the target")
    func runsEndToEnd() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("careledger-bench-iop-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try await CommandRunner.run(["bench", "iop-php", "--data-dir", folder.appendingPathComponent("pgdata").path,
                                             "--sessions", "200", "--members", "5", "--patients", "40", "--weeks", "4", "--runs", "2"],
                                            environment: [:])
        #expect(outcome.status == 0, "\(outcome.stderr.suffix(1500))")
        #expect(outcome.stdout.contains("Loaded 200 sessions, 1000 attendance rows, 40 patients"))
        // Four weeks from Monday 2025-01-06: the month is January, widened to 2024-12-30 … 2025-02-02, holding every row.
        #expect(outcome.stdout.contains("whole weeks 2024-12-30 to 2025-02-02, 1000 attendance rows): 160 patient-weeks"), "\(outcome.stdout)")
        #expect(outcome.stdout.contains("Report time over 2 runs: median"))
        #expect(outcome.stdout.contains("Cross-check: 160 patient-weeks, "), "\(outcome.stdout)")
        #expect(outcome.stdout.contains("the same as recounted from the attendance rows"))
        #expect(outcome.stdout.contains("target: under 100 ms"))
    }

    @Test("bench iop-php refuses a roster larger than the patient list before touching a database")
    func refusesBadOptions() async throws {
        let outcome = try await CommandRunner.run(["bench", "iop-php", "--members", "50", "--patients", "10"], environment: [:])
        #expect(outcome.status != 0)
        #expect(outcome.stderr.contains("--members must be between 1 and --patients"))
    }
}
