import Foundation
import Testing

@Suite("Attendance benchmark command")
struct AttendanceBenchmarkCommandTests {
    @Test("bench attendance loads sessions, marks them through the HTTP API with no refusals in turns with its floor, and prints its figures")
    func runsEndToEnd() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("careledger-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try await CommandRunner.run(["bench", "attendance", "--data-dir", folder.appendingPathComponent("pgdata").path,
                                             "--sessions", "20", "--clients", "4", "--seconds", "2",
                                             "--port", "\(try BackgroundProcess.freePort())"], environment: [:])
        #expect(outcome.status == 0, "\(outcome.stderr.suffix(1500))")
        #expect(outcome.stdout.contains("Loaded 20 sessions"))
        #expect(outcome.stdout.contains("Measured in 2 turns of 1.0 s each: marks, then the floor on the same cluster"))
        let marks = outcome.stdout.split(separator: "\n").first { $0.hasPrefix("Marks: ") }
        let count = marks.flatMap { Int($0.dropFirst("Marks: ".count).prefix { $0.isNumber }) } ?? 0
        #expect(count > 0, "some marks landed: \(outcome.stdout)")
        #expect(marks?.contains("in 2.0 s") == true, "both turns' marks are counted: \(outcome.stdout)")
        #expect(marks?.contains("(refused: 0)") == true, "every mark followed a legal move with the version it last saw, across turns")
        #expect(outcome.stdout.contains("Server mark + reply read + billing preview (database included): p50"))
        #expect(outcome.stdout.contains("Server preview recomputation per mark (the pure helper, rows in hand): p50"))
        let floor = outcome.stdout.split(separator: "\n").first { $0.hasPrefix("Floor (4 connections, BEGIN + UPDATE + SELECT + INSERT + COMMIT") }
        let floorRate = floor.flatMap { $0.split(separator: ": ").dropFirst().first.flatMap { Int($0.prefix { $0.isNumber }) } } ?? 0
        #expect(floorRate > 0, "the floor ran transactions on the same cluster: \(outcome.stdout)")
        #expect(outcome.stdout.contains("% of the floor's transaction rate (target >= 50%)."))
        // CPU per transaction, counted for this process and the embedded cluster over each window.
        let cpu = outcome.stdout.split(separator: "\n").first { $0.hasPrefix("CPU per transaction (this process + the database's backends): mark ") }
        let figures = cpu.map { line in
            ["mark ", "floor "].map { label in
                line.range(of: label).flatMap { Int(line[$0.upperBound...].prefix { $0.isNumber }) } ?? 0
            }
        } ?? [0, 0]
        #expect(figures[0] > 0 && figures[1] > 0, "both windows spent CPU: \(outcome.stdout)")
        #expect(cpu?.contains("at equal CPU, marks would be") == true)
        // pgbench runs the floor's transaction too, wherever the server binaries have it beside them.
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        let hasPgbench = versions.contains { FileManager.default.isExecutableFile(atPath: "/usr/lib/postgresql/\($0)/bin/pgbench") }
        let pgbench = outcome.stdout.split(separator: "\n").first { $0.hasPrefix("pgbench") }
        if hasPgbench {
            let figures = try #require(pgbench?.firstMatch(of: #/\(4 clients, same cluster\): (\d+) transactions/s; marks are (\d+)% of its rate\. CPU per transaction \d+ µs \(pgbench (\d+) µs \+ database (\d+) µs\)/#),
                                       "\(outcome.stdout)")
            #expect([figures.1, figures.2, figures.3, figures.4].allSatisfy { (Int($0) ?? 0) > 0 }, "pgbench's rate, the marks' share and both CPU figures: \(outcome.stdout)")
        } else {
            #expect(pgbench?.hasPrefix("pgbench: not run") == true, "\(outcome.stdout)")
        }
    }

    @Test("with load threads of its own, bench attendance counts the load's CPU apart from the server's, for the marks and the floor")
    func countsTheLoadApart() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("careledger-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try await CommandRunner.run(["bench", "attendance", "--data-dir", folder.appendingPathComponent("pgdata").path,
                                             "--sessions", "20", "--clients", "4", "--seconds", "2", "--client-threads", "1",
                                             "--pool-connections", "1", "--port", "\(try BackgroundProcess.freePort())"], environment: [:])
        #expect(outcome.status == 0, "\(outcome.stderr.suffix(1500))")
        let lines = outcome.stdout.split(separator: "\n")
        // Four clients on the server's one connection: the marks wait their turn in the pool, none is refused.
        #expect(lines.first { $0.hasPrefix("Loaded 20 sessions") }?.hasSuffix("the server's pool of database connections: up to 1") == true, "\(outcome.stdout)")
        #expect(lines.first { $0.hasPrefix("Marks: ") }?.contains("(refused: 0)") == true, "\(outcome.stdout)")
        // "mark 1298 µs (446 µs + 852 µs), floor 597 µs (183 µs + 415 µs)": this process's part is the first in the brackets.
        let cpu = try #require(lines.first { $0.hasPrefix("CPU per transaction (this process + the database's backends): ") }
            .flatMap { $0.firstMatch(of: #/mark \d+ µs \((\d+) µs \+ \d+ µs\), floor \d+ µs \((\d+) µs \+/#) }, "\(outcome.stdout)")
        let (markProcess, floorProcess) = (Int(cpu.1) ?? 0, Int(cpu.2) ?? 0)
        let load = lines.first { $0.hasPrefix("Of that, the load's own loops (threads: 1): mark ") }
        let figures = try #require(load?.firstMatch(of: #/: mark (\d+) µs, floor (\d+) µs\./#), "\(outcome.stdout)")
        let (markLoad, floorLoad) = (Int(figures.1) ?? 0, Int(figures.2) ?? 0)
        #expect(markLoad > 0 && floorLoad > 0, "the clients' loops ran both workloads: \(outcome.stdout)")
        #expect(markLoad < markProcess && floorLoad <= floorProcess, "the load is a part of this process's CPU: \(outcome.stdout)")
        #expect(load?.contains("at equal CPU without the load generators, marks would be") == true)
    }

    @Test("bench attendance refuses more load threads than it allows before touching a database")
    func refusesTooManyLoadThreads() async throws {
        let outcome = try await CommandRunner.run(["bench", "attendance", "--client-threads", "17"], environment: [:])
        #expect(outcome.status != 0)
        #expect(outcome.stderr.contains("--client-threads 0–16."))
    }

    @Test("bench attendance refuses a server pool out of range before touching a database")
    func refusesPoolOutOfRange() async throws {
        for size in ["257", "-1"] {
            let outcome = try await CommandRunner.run(["bench", "attendance", "--pool-connections=\(size)"], environment: [:])
            #expect(outcome.status != 0)
            #expect(outcome.stderr.contains("--pool-connections 0–256."), "\(size): \(outcome.stderr)")
        }
    }

    @Test("bench attendance refuses more clients than sessions before touching a database")
    func refusesBadOptions() async throws {
        let outcome = try await CommandRunner.run(["bench", "attendance", "--sessions", "2", "--clients", "4"], environment: [:])
        #expect(outcome.status != 0)
        #expect(outcome.stderr.contains("--sessions must be at least --clients"))
    }
}
