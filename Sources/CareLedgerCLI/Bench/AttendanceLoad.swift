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

        /// Another window's marks, added to these.
        mutating func add(_ other: Outcome) {
            marks += other.marks
            refused += other.refused
            latenciesNanoseconds += other.latenciesNanoseconds
            elapsed += other.elapsed
        }

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

    /// What one client last saw of its rows (status and version), and where it is in its walk:
    /// carried from one window of marks to the next, so a later window picks up where the last left off.
    struct Walk: Sendable {
        var rows: [UUID: (status: String, version: Int)] = [:]
        var turn = 0
    }

    /// Runs `clients` clients for a warm-up and a measured window; `walks` (one per client) are
    /// where each left off, and come back updated.
    static func run(rosters: [Roster], clients: Int, token: String, port: Int, loops: LoadClientLoops, warmUp: Duration, measured: Duration,
                    walks: inout [Walk], measuringStarts: @escaping @Sendable () -> Void) async throws -> Outcome {
        let start = ContinuousClock.now
        let (measureFrom, measureUntil) = (start + warmUp, start + warmUp + measured)
        let startingWalks = walks.count == clients ? walks : Array(repeating: Walk(), count: clients)
        let (outcomes, endingWalks) = try await withThrowingTaskGroup(of: (Int, Outcome, Walk).self) { group in
            for client in 0..<clients {
                let mine = stride(from: client, to: rosters.count, by: clients).map { rosters[$0] }
                let walk = startingWalks[client]
                group.addTask(executorPreference: loops.executor) {
                    try await KeepAliveHTTPClient.withConnection(host: "127.0.0.1", port: port, group: loops.group) { send in
                        var outcome = Outcome()
                        var state = walk.rows
                        var turn = walk.turn
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
                        return (client, outcome, Walk(rows: state, turn: turn))
                    }
                }
            }
            // Wait out the warm-up, then forget what the server timed during it.
            try await Task.sleep(until: measureFrom, clock: .continuous)
            measuringStarts()
            var all = Outcome()
            var ending = startingWalks
            for try await (client, outcome, walk) in group {
                all.add(outcome)
                ending[client] = walk
            }
            return (all, ending)
        }
        walks = endingWalks
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
