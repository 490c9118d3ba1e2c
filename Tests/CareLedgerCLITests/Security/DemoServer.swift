import Foundation
import Platform
import PlatformTesting

/// `careledger serve --demo` on a free loopback port with its own embedded cluster, for tests that
/// attack the real server from outside (the page probe, schemathesis).
final class DemoServer: @unchecked Sendable {
    let folder: URL
    let base: URL
    let process: BackgroundProcess

    init() async throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("careledger-demo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let port = try BackgroundProcess.freePort()
        base = URL(string: "http://127.0.0.1:\(port)")!
        let environment = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "LOG_LEVEL": "warning", "HOME": folder.path]
        process = try BackgroundProcess(executable: try CommandRunner.executable(),
                                        arguments: ["serve", "--demo", "--data-dir", folder.appendingPathComponent("pgdata").path,
                                                    "--port", "\(port)", "--insecure-cookies"],
                                        environment: environment, folder: folder, name: "server")
        do {
            try await process.waitUntilAnswering(base.appendingPathComponent("health"), timeout: 180)
        } catch {
            stop()
            throw error
        }
    }

    func stop() {
        process.stop()
        try? LocalPostgres(dataDirectory: folder.appendingPathComponent("pgdata").path, logger: TestCluster.shared.logger).stop()
        try? FileManager.default.removeItem(at: folder)
    }

    /// A file beside this one in the test sources (the Python the tests run).
    static func source(_ name: String) -> URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(name)
    }

    /// Runs a command to completion with output in files (never pipes), failing after `timeout`.
    static func run(_ arguments: [String], in folder: URL, timeout: Duration) async throws -> (status: Int32, stdout: String, stderr: String) {
        let id = UUID().uuidString
        let outURL = folder.appendingPathComponent("\(id).out"), errURL = folder.appendingPathComponent("\(id).err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.currentDirectoryURL = folder
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        process.environment = environment
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        defer {
            try? out.close()
            try? err.close()
        }
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let status = try await ChildExit.wait(for: process, timeout: timeout)
        return (status, (try? String(contentsOf: outURL, encoding: .utf8)) ?? "", (try? String(contentsOf: errURL, encoding: .utf8)) ?? "")
    }
}
