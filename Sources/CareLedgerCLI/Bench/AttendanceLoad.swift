import Foundation
import NIOCore
import NIOHTTP1

/// The client side of `bench attendance`: each client owns a share of the sessions and walks
/// their rows through legal moves (SCHEDULED→ATTENDED, then ATTENDED→LATE→ABSENT→ATTENDED …),
/// sending the row version it last saw, so no mark is refused for a race it caused itself.
enum AttendanceLoad {
    struct Roster: Sendable {
        let sessionID: UUID
        let rows: [UUID]
    }

    struct Outcome {
        var marks = 0
        var refused = 0
        var latenciesNanoseconds: [Int64] = []
        var elapsed: Duration = .zero

        func report(markNanoseconds: [Int64], previewComputationNanoseconds: [Int64], clients: Int) {
            let rate = Double(marks) / elapsed.seconds
            print("Marks: \(marks) in \(String(format: "%.1f", elapsed.seconds)) s with \(clients) clients = \(Int(rate.rounded())) marks/s (refused: \(refused))")
            print("Client latency (request sent → reply read): \(Percentiles(latenciesNanoseconds).description)")
            print("Server preview recomputation per mark (the pure helper, rows in hand): \(Percentiles(previewComputationNanoseconds).description)")
            print("Server mark + reply read + billing preview (database included): \(Percentiles(markNanoseconds).description)")
            print("target: >= 1000 marks/s with client p99 < 25 ms at 16 clients; preview recomputation p99 < 2 ms in the server")
        }
    }

    static func next(after status: String) -> String {
        switch status {
        case "SCHEDULED", "ABSENT": "ATTENDED"
        case "ATTENDED": "LATE"
        default: "ABSENT"
        }
    }

    static func run(rosters: [Roster], clients: Int, token: String, port: Int, warmUp: Duration, measured: Duration,
                    measuringStarts: @escaping @Sendable () -> Void) async throws -> Outcome {
        let start = ContinuousClock.now
        let (measureFrom, measureUntil) = (start + warmUp, start + warmUp + measured)
        let outcomes = try await withThrowingTaskGroup(of: Outcome.self) { group in
            for client in 0..<clients {
                let mine = stride(from: client, to: rosters.count, by: clients).map { rosters[$0] }
                group.addTask {
                    try await KeepAliveHTTPClient.withConnection(host: "127.0.0.1", port: port) { send in
                        var outcome = Outcome()
                        var state: [UUID: (status: String, version: Int)] = [:]
                        var turn = 0
                        while ContinuousClock.now < measureUntil {
                            let roster = mine[turn % mine.count]
                            let row = roster.rows[(turn / mine.count) % roster.rows.count]
                            turn += 1
                            let current = state[row] ?? ("SCHEDULED", 1)
                            let target = next(after: current.status)
                            var body = ByteBuffer()
                            body.writeString(#"{"status":"\#(target)","row_version":\#(current.version)}"#)
                            let sent = ContinuousClock.now
                            let reply = try await send(.POST, "/api/v1/group-sessions/\(roster.sessionID.uuidString.lowercased())/attendance/\(row.uuidString.lowercased())",
                                                       [("Authorization", "Bearer \(token)"), ("Content-Type", "application/json")], body)
                            let took = ContinuousClock.now - sent
                            guard reply.status == .ok else {
                                outcome.refused += 1
                                if outcome.refused > 100 {
                                    throw KeepAliveHTTPClient.Failure(description: "too many refused marks; last: \(reply.status.code) \(String(buffer: reply.body).prefix(300))")
                                }
                                continue
                            }
                            state[row] = (target, current.version + 1)
                            if sent >= measureFrom {
                                outcome.marks += 1
                                outcome.latenciesNanoseconds.append(took.nanoseconds)
                            }
                        }
                        return outcome
                    }
                }
            }
            // Wait out the warm-up, then forget what the server timed during it.
            try await Task.sleep(until: measureFrom, clock: .continuous)
            measuringStarts()
            var all = Outcome()
            for try await outcome in group {
                all.marks += outcome.marks
                all.refused += outcome.refused
                all.latenciesNanoseconds += outcome.latenciesNanoseconds
            }
            return all
        }
        var result = outcomes
        result.elapsed = measured
        return result
    }
}

/// Median, p90, p99 and max of a set of nanosecond durations, printed in milliseconds.
struct Percentiles: CustomStringConvertible {
    let sorted: [Int64]

    init(_ values: [Int64]) { sorted = values.sorted() }

    func at(_ fraction: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        return Double(sorted[min(sorted.count - 1, Int(Double(sorted.count) * fraction))]) / 1e6
    }

    var description: String {
        guard !sorted.isEmpty else { return "no samples" }
        return String(format: "p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms (%d samples)",
                      at(0.5), at(0.9), at(0.99), Double(sorted.last!) / 1e6, sorted.count)
    }
}
