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
        var command = [tool] + arguments
        if case .system(let name) = account { command = ["/usr/sbin/runuser", "-u", name, "--"] + command }
        // Output goes to a file, and the wait is a plain waitpid on the direct child:
        // `pg_ctl start` leaves a daemonised server behind that inherits descriptors, and
        // Foundation.Process's wait was seen to never return in that case.
        let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("careledger-\(UUID.random().uuidString).out").path
        defer { try? FileManager.default.removeItem(atPath: outputPath) }
        let quoted = command.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        let script = "cd / && exec \(quoted) </dev/null >'\(outputPath)' 2>&1"
        var pid: pid_t = 0
        let argv: [UnsafeMutablePointer<CChar>?] = [strdup("/bin/sh"), strdup("-c"), strdup(script), nil]
        defer { argv.forEach { free($0) } }
        // A child inherits the spawning thread's blocked signals, and this process's threads block
        // most of them: pgbench, which ends a timed run on SIGALRM, never ended. Children start
        // with none blocked.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        posix_spawnattr_setsigmask(&attributes, &unblocked)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))
        let spawned = posix_spawn(&pid, "/bin/sh", nil, &attributes, argv, environ)
        guard spawned == 0 else { throw LocalPostgresError.commandFailed("could not run \(tool) (errno \(spawned))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let exitCode = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        let data = FileManager.default.contents(atPath: outputPath) ?? Data()
        return Result(exitCode: exitCode, output: String(decoding: data, as: UTF8.self))
    }
}
