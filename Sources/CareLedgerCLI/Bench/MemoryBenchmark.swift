import ArgumentParser
import Foundation
import NIOHTTP1

/// `careledger bench memory`: starts `serve` as a child process (this same executable), waits
/// until it answers `/health`, lets it sit idle, then samples its resident memory from
/// `/proc/<pid>/status`. What it prints is what one more idle app instance costs; PostgreSQL's own
/// processes are not counted. With `--demo` the server is started as a user starts it; its demo
/// load runs as a child process (`careledger demo`) that has exited before the server listens, so
/// the figure is the serving process's own.
struct MemoryBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "memory", abstract: "Resident memory of an idle `serve`, sampled from /proc.")

    @Option(name: .customLong("data-dir"), help: "Folder of the server's embedded cluster (default: a fresh temporary one, removed after; ignored with DATABASE_URL).")
    var dataDirectory: String?
    @Option(help: "Port the server listens on.") var port: Int = 18_089
    @Flag(inversion: .prefixedNo, help: "Load the demo data first, as `serve --demo` does.") var demo = true
    @Option(help: "Seconds the server sits idle after it first answers, before sampling.") var settle: Int = 10
    @Option(help: "Samples, one second apart (the median is reported).") var samples: Int = 5

    func validate() throws {
        guard (1...65535).contains(port) else { throw ValidationError("--port must be from 1 to 65535.") }
        guard (0...600).contains(settle) else { throw ValidationError("--settle must be from 0 to 600 seconds.") }
        guard (1...120).contains(samples) else { throw ValidationError("--samples must be from 1 to 120.") }
    }

    func run() async throws {
        let temporary = dataDirectory == nil
            ? FileManager.default.temporaryDirectory.appendingPathComponent("careledger-bench-memory-\(UUID.random().uuidString)") : nil
        defer { if let temporary { try? FileManager.default.removeItem(at: temporary) } }
        let folder = dataDirectory ?? temporary!.appendingPathComponent("pgdata").path
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("careledger-bench-memory-\(UUID.random().uuidString).log")
        defer { try? FileManager.default.removeItem(at: log) }
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let logHandle = try FileHandle(forWritingTo: log)

        let server = Process()
        server.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        server.arguments = ["serve", "--data-dir", folder, "--port", "\(port)"] + (demo ? ["--demo"] : [])
        server.standardOutput = logHandle
        server.standardError = logHandle
        try server.run()
        print("Started `serve\(demo ? " --demo" : "")` (pid \(server.processIdentifier)) on port \(port). Sampled: that serving process "
              + (demo ? "(the demo's load runs before it listens, in a child `careledger demo` that has exited by then), " : "")
              + "without PostgreSQL's processes.")
        do {
            let started = ContinuousClock.now
            try await waitUntilHealthy(server, log: log)
            print("Answering /health after \(String(format: "%.1f", (ContinuousClock.now - started).seconds)) s; idle for \(settle) s before sampling.")
            try await Task.sleep(for: .seconds(settle))
            var resident: [Double] = []
            for sample in 1...samples {
                guard let status = ProcessMemory.read(pid: server.processIdentifier) else {
                    throw CommandFailure("The server exited while being sampled:\n\(Self.tail(of: log))")
                }
                resident.append(status.residentMB)
                print("  sample \(sample): \(status)")
                if sample < samples { try await Task.sleep(for: .seconds(1)) }
            }
            // An idle figure counts only for a server that still works after its idle time.
            guard try await answersHealth() else { throw CommandFailure("`serve` stopped answering /health while idle:\n\(Self.tail(of: log))") }
            print("Still answering /health after sampling.")
            let median = resident.sorted()[resident.count / 2]
            print("Idle resident memory: median \(String(format: "%.1f", median)) MB over \(samples) samples (target under 40 MB).")
        } catch {
            await stop(server)
            throw error
        }
        await stop(server)
    }

    private func waitUntilHealthy(_ server: Process, log: URL) async throws {
        let deadline = ContinuousClock.now + .seconds(300)
        while ContinuousClock.now < deadline {
            guard server.isRunning else { throw CommandFailure("`serve` exited before it answered:\n\(Self.tail(of: log))") }
            if (try? await answersHealth()) == true { return }
            try await Task.sleep(for: .milliseconds(250))
        }
        throw CommandFailure("`serve` did not answer /health within 300 s:\n\(Self.tail(of: log))")
    }

    private func answersHealth() async throws -> Bool {
        try await KeepAliveHTTPClient.withConnection(host: "127.0.0.1", port: port) { send in
            try await send(.GET, "/health", [], nil).status == .ok
        }
    }

    /// SIGINT, as Ctrl-C: the server stops its services and its embedded cluster; SIGKILL after 60 s.
    private func stop(_ server: Process) async {
        guard server.isRunning else { return }
        server.interrupt()
        let deadline = ContinuousClock.now + .seconds(60)
        while server.isRunning && ContinuousClock.now < deadline { try? await Task.sleep(for: .milliseconds(100)) }
        if server.isRunning { kill(server.processIdentifier, SIGKILL) }
    }

    private static func tail(of log: URL) -> String {
        String(((try? String(contentsOf: log, encoding: .utf8)) ?? "").suffix(2_000))
    }
}
