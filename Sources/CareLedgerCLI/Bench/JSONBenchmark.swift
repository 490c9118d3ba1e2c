import ArgumentParser
import Foundation
import Platform

/// `careledger bench json`: encodes event payloads with the product's `SortedKeysJSONEncoder` and
/// with Foundation's `JSONEncoder` set up the same, on one core, and prints the time per encode of
/// each (or, with `--allocations`, the heap allocations per encode), after checking that both wrote
/// the same bytes. The payloads are
/// `bench events`' own (two integers) and a documented session of ten attendees (nested objects,
/// an array, dates, optional fields), the bus's largest.
struct JSONBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "json", abstract: "JSON encoding: the product's encoder against Foundation's.")

    @Option(help: "Encodes per round.") var count: Int = 200_000
    @Option(help: "Timed rounds (the median is reported).") var rounds: Int = 5
    /// Apart from the timing: glibc's tracer, once preloaded, slows every allocation of the process.
    @Flag(help: "Count heap allocations per encode (with glibc's tracer) instead of timing.") var allocations = false

    func validate() throws {
        guard (1_000...10_000_000).contains(count) else { throw ValidationError("--count 1000–10000000.") }
        guard (1...50).contains(rounds) else { throw ValidationError("--rounds 1–50.") }
    }

    func run() throws {
        if allocations { MallocTrace.reexecutePreloaded() }
        let small = EventsBenchmark.BenchEvent.Payload(sequence: 123_456, organizationIndex: 3)
        try measure("bench events' payload", small)
        try measure("a documented session of ten", Self.documented(attendees: 10))
    }

    private func measure<Value: Encodable>(_ name: String, _ value: Value) throws {
        let ours = SortedKeysJSONEncoder.events
        let foundation = ours.foundationEncoder
        let bytes = try ours.encode(value)
        guard bytes == Array(try foundation.encode(value)) else {
            throw CommandFailure("\(name): the two encoders wrote different bytes.")
        }
        print("\(name) (\(bytes.count) bytes):")
        for (encoder, encode) in [("SortedKeysJSONEncoder", { _ = try ours.encode(value) }),
                                  ("Foundation JSONEncoder", { _ = try foundation.encode(value) })] as [(String, () throws -> Void)] {
            for _ in 0..<(count / 10) { try encode() }  // warm-up
            if allocations {
                let counted = 1_000
                let traced = MallocTrace.counting { (0..<counted).forEach { _ in try? encode() } }.allocations
                print("  \(encoder): heap allocations per encode \(traced.map { String(format: "%.1f", Double($0) / Double(counted)) } ?? "not counted (no tracer)")")
                continue
            }
            var nanoseconds: [Double] = []
            for _ in 0..<rounds {
                let start = ContinuousClock.now
                for _ in 0..<count { try encode() }
                nanoseconds.append((ContinuousClock.now - start).seconds * 1e9 / Double(count))
            }
            print("  \(encoder): median \(String(format: "%.0f", nanoseconds.sorted()[nanoseconds.count / 2])) ns per encode over \(rounds) rounds of \(count)")
        }
    }

    static func documented(attendees: Int) -> GroupSessionDocumented.Payload {
        let header = GroupSessionHeader(id: UUID(), scheduleID: UUID(), sessionDate: ServiceDate(year: 2026, month: 3, day: 2)!, startTime: "09:00",
                                        endTime: "10:30", durationMinutes: 90, facilityID: UUID(), groupType: "process_group")
        return .init(header: header, facilitatorId: UUID(),
                     attendees: (0..<attendees).map { index in
                         .init(patientId: UUID(), attendanceStatus: index % 3 == 0 ? .absent : .attended, participationLevel: index % 2 == 0 ? "ACTIVE" : nil)
                     },
                     revision: 2, trigger: .finalized,
                     metadata: .init(organizationId: UUID(), userId: UUID(), timestamp: Date(timeIntervalSince1970: 1_772_442_000), correlationId: UUID()))
    }
}
