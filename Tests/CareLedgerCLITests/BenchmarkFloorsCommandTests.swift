import Foundation
import Testing

/// The benchmarks that carry their own floor or count: run small, to prove they work and print
/// the figures their documentation names.
@Suite("Benchmark floors and counts")
struct BenchmarkFloorsCommandTests {
    @Test("bench events --unthrottled measures floor and maximum rate in pairs, their median ratio, then latency at half the median rate")
    func eventsUnthrottled() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("careledger-bench-events-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try await CommandRunner.run(["bench", "events", "--data-dir", folder.appendingPathComponent("pgdata").path,
                                             "--unthrottled", "--count", "600", "--batch", "50", "--rounds", "3"], environment: [:])
        #expect(outcome.status == 0, "\(outcome.stderr.suffix(1500))")
        let pairs = outcome.stdout.split(separator: "\n").filter { $0.hasPrefix("    floor ") }.map(String.init)
        #expect(pairs.count == 3, "\(outcome.stdout)")
        let floors = pairs.map { Self.number(after: "floor ", in: $0) }
        let applied = pairs.map { Self.number(after: "applied ", in: $0) }
        #expect(floors.allSatisfy { $0 > 0 } && applied.allSatisfy { $0 > 0 }, "\(outcome.stdout)")
        #expect(outcome.stdout.contains("maximum applied: median ") && outcome.stdout.contains("% of its floor (target >= 50%)"))
        #expect(outcome.stdout.contains("at half the median rate (\(max(1, applied.sorted()[1] / 2)) events/s offered)"), "\(outcome.stdout)")
        #expect(outcome.stdout.contains("(target p99 < 250 ms)"))
    }

    @Test("bench events refuses a number of rounds out of range before touching a database")
    func eventsRefusesRounds() async throws {
        let outcome = try await CommandRunner.run(["bench", "events", "--unthrottled", "--rounds", "0"], environment: [:])
        #expect(outcome.status != 0)
        #expect(outcome.stderr.contains("--rounds 1–15"), "\(outcome.stderr)")
    }

    @Test("bench rules counts heap allocations per evaluation, and the evaluation path makes none")
    func rulesAllocations() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("careledger-bench-rules-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try await CommandRunner.run(["bench", "rules", "--data-dir", folder.appendingPathComponent("pgdata").path,
                                             "--count", "20000", "--rounds", "1"], environment: [:])
        #expect(outcome.status == 0, "\(outcome.stderr.suffix(1500))")
        #expect(outcome.stdout.contains("Heap allocations: 0 over 100000 evaluations (0.000 per evaluation; target 0)."), "\(outcome.stdout)")
        // The tracer saw at least the ten arrays and the list of them in its own check.
        let seen = Self.number(after: "Tracer check: ", in: outcome.stdout)
        #expect(seen >= 11, "\(outcome.stdout)")
        #expect(outcome.stdout.contains("evaluations/s on one core (target ≥ 5,000,000)"))
    }

    @Test("bench memory starts serve, waits for it to answer and samples its resident memory")
    func memory() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("careledger-bench-memory-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try await CommandRunner.run(["bench", "memory", "--data-dir", folder.appendingPathComponent("pgdata").path, "--no-demo",
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
