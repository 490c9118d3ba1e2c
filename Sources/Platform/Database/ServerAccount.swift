import PostgresNIO
import Foundation

/// The operating-system account the PostgreSQL server programs run as.
enum ServerAccount: Sendable {
    case currentUser
    case system(name: String)

    /// Root cannot run PostgreSQL, so root hands the server to an unprivileged account.
    static func forCurrentProcess() throws -> ServerAccount {
        guard geteuid() == 0 else { return .currentUser }
        for name in ["postgres", "nobody"] where getpwnam(name) != nil {
            return .system(name: name)
        }
        throw LocalPostgresError.noServerAccount
    }

    /// Gives the folder to the server account so it can write there.
    func takeOwnership(of path: String) throws {
        guard case .system(let name) = self, let entry = getpwnam(name) else { return }
        guard chown(path, entry.pointee.pw_uid, entry.pointee.pw_gid) == 0, chmod(path, 0o700) == 0 else {
            throw LocalPostgresError.commandFailed("could not hand \(path) to the \(name) account (errno \(errno))")
        }
    }
}

/// Runs a program to completion, capturing its combined output.
enum ProcessRunner {
    struct Result {
        let exitCode: Int32
        let output: String
    }

    static func run(_ tool: String, _ arguments: [String], as account: ServerAccount) throws -> Result {
        let process = Process()
        switch account {
        case .currentUser:
            process.executableURL = URL(fileURLWithPath: tool)
            process.arguments = arguments
        case .system(let name):
            process.executableURL = URL(fileURLWithPath: "/usr/sbin/runuser")
            process.arguments = ["-u", name, "--", tool] + arguments
            // The server account may not be able to read the caller's working folder.
            process.currentDirectoryURL = URL(fileURLWithPath: "/")
        }
        // Output goes through a file, not a pipe: `pg_ctl start` leaves a server running that
        // would hold a pipe open, and reading it to the end would never return.
        let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("careledger-\(UUID().uuidString).out").path
        FileManager.default.createFile(atPath: outputPath, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: outputPath) }
        let output = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath))
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try? output.close()
        let data = FileManager.default.contents(atPath: outputPath) ?? Data()
        return Result(exitCode: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
    }
}
