import Foundation
import Testing

/// The benchmarks that carry their own floor or count: run small, to prove they work and print
/// the figures their documentation names.
@Suite("Benchmark floors and counts")
struct BenchmarkFloorsCommandTests {
    @Test("bench events --unthrottled measures the outbox floor, the maximum applied rate and latency at half of it")
    func eventsUnthrottled() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("careledger-bench-events-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try CommandRunner.run(["bench", "events", "--data-dir", folder.appendingPathComponent("pgdata").path,
                                             "--unthrottled", "--count", "600", "--batch", "50"], environment: [:])
        #expect(outcome.status == 0, "\(outcome.stderr.suffix(1500))")
        let floor = Self.number(after: "no deliveries): ", in: outcome.stdout)
        let fastest = Self.number(after: "maximum applied (publishers unpaced): ", in: outcome.stdout)
        #expect(floor > 0 && fastest > 0, "\(outcome.stdout)")
        #expect(outcome.stdout.contains("% of the floor (target >= 50%)"))
        #expect(outcome.stdout.contains("at half that rate (\(max(1, fastest / 2)) events/s offered)"), "\(outcome.stdout)")
        #expect(outcome.stdout.contains("(target p99 < 250 ms)"))
    }

    @Test("bench rules counts heap allocations per evaluation, and the evaluation path makes none")
    func rulesAllocations() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("careledger-bench-rules-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try CommandRunner.run(["bench", "rules", "--data-dir", folder.appendingPathComponent("pgdata").path,
                                             "--count", "20000", "--rounds", "1"], environment: [:])
        #expect(outcome.status == 0, "\(outcome.stderr.suffix(1500))")
        #expect(outcome.stdout.contains("Heap allocations: 0 over 100000 evaluations (0.000 per evaluation; target 0)."), "\(outcome.stdout)")
        // The tracer saw at least the ten arrays and the list of them in its own check.
        let seen = Self.number(after: "Tracer check: ", in: outcome.stdout)
        #expect(seen >= 11, "\(outcome.stdout)")
        #expect(outcome.stdout.contains("evaluations/s on one core (target ≥ 5,000,000)"))
    }

    @Test("bench memory starts serve, waits for it to answer and samples its resident memory")
    func memory() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("careledger-bench-memory-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try CommandRunner.run(["bench", "memory", "--data-dir", folder.appendingPathComponent("pgdata").path, "--no-demo",
                                             "--settle", "0", "--samples", "2", "--port", "\(try BackgroundProcess.freePort())"],
                                            environment: [:])
        #expect(outcome.status == 0, "\(outcome.stderr.suffix(1500))")
        #expect(outcome.stdout.contains("  sample 2: resident "), "\(outcome.stdout)")
        #expect(outcome.stdout.contains("Still answering /health after sampling."), "\(outcome.stdout)")
        let median = outcome.stdout.split(separator: "\n").first { $0.hasPrefix("Idle resident memory: median ") }
        let megabytes = median.flatMap { Double($0.dropFirst("Idle resident memory: median ".count).prefix { $0.isNumber || $0 == "." }) } ?? 0
        #expect(megabytes > 1, "a live server has resident memory: \(outcome.stdout)")
    }

    private static func number(after marker: String, in text: String) -> Int {
        guard let range = text.range(of: marker) else { return 0 }
        return Int(text[range.upperBound...].prefix { $0.isNumber }) ?? 0
    }
}
