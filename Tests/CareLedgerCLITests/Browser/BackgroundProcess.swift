import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A long-running child (the server, chromedriver) whose output goes to a file, so a failure
/// can show what it printed.
final class BackgroundProcess: @unchecked Sendable {
    let process = Process()
    let log: URL

    init(executable: URL, arguments: [String], environment: [String: String], folder: URL, name: String) throws {
        log = folder.appendingPathComponent("\(name).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        process.executableURL = executable
        process.arguments = arguments
        process.environment = environment
        process.currentDirectoryURL = folder
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
    }

    var output: String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }

    /// Kills the child outright. Children of the test runner inherit its blocked SIGINT and
    /// SIGTERM, so a polite signal stays pending forever; whoever started a database cluster
    /// stops it separately. `waitUntilExit` can miss the exit here, so reap the child directly.
    /// A child that already exited is left alone: once reaped, its pid can be reused (pid_max is
    /// 32,768 here) by any process, a test cluster's backend included, and the runner is root in CI.
    func stop() {
        let pid = process.processIdentifier
        guard pid > 0, process.isRunning else { return }
        kill(pid, SIGKILL)
        var status: Int32 = 0
        _ = waitpid(pid, &status, 0)
    }

    /// Polls `url` until it answers 200, failing early when the child exits.
    func waitUntilAnswering(_ url: URL, timeout: TimeInterval) async throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            guard process.isRunning else {
                throw WebDriver.Failure(description: "\(log.lastPathComponent) exited with \(process.terminationStatus):\n\(output.suffix(2000))")
            }
            if (try? await WebDriver.exchange(.GET, url, timeout: .seconds(5)))?.status == 200 { return }
            try await Task.sleep(for: .milliseconds(200))
        }
        throw WebDriver.Failure(description: "\(url) did not answer within \(Int(timeout)) s:\n\(output.suffix(2000))")
    }

    /// A loopback port nobody listens on now: bind to port 0 and read what the kernel chose.
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw WebDriver.Failure(description: "socket() failed") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(fd, pointer, length) == 0 && getsockname(fd, pointer, &length) == 0
            }
        }
        guard bound else { throw WebDriver.Failure(description: "could not bind a loopback port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
