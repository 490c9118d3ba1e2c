import PostgresNIO
public import Foundation
public import Logging

/// A private PostgreSQL cluster in a folder of the project's own, started from the
/// server binaries found on the machine and stopped when its owner is done.
///
/// PostgreSQL refuses to run as root, so when this process is root the server runs
/// as an unprivileged system user (`postgres`, else `nobody`) that owns the folder.
public final class LocalPostgres: Sendable {
    /// The superuser created by `initdb`; used only to bootstrap roles and databases.
    public static let bootstrapUser = "careledger_admin"

    public let dataDirectory: String
    public let binaries: PostgresBinaries
    /// A loopback TCP port to listen on as well as the socket, when asked.
    public let tcpPort: Int?
    private let logger: Logger
    private let startedHere = LockedValue(false)

    /// The folder holding the Unix socket (the data folder itself).
    public var socketDirectory: String { dataDirectory }
    /// The socket path PostgresNIO connects to.
    public var socketPath: String { "\(dataDirectory)/.s.PGSQL.\(Self.socketPort(tcpPort))" }

    /// Connections the server accepts; a test cluster serving many suites at once needs more than a product's.
    public let maxConnections: Int

    public init(dataDirectory: String, tcpPort: Int? = nil, maxConnections: Int = 200, logger: Logger) throws {
        self.dataDirectory = URL(fileURLWithPath: dataDirectory).standardizedFileURL.path
        self.binaries = try PostgresBinaries.locate()
        self.tcpPort = tcpPort
        self.maxConnections = maxConnections
        self.logger = logger
    }

    /// Initialises the folder when it is new or empty, then starts the server unless one
    /// is already running there (which is reused, never restarted or re-initialised).
    public func start() throws {
        let fm = FileManager.default
        let runAsUser = try ServerAccount.forCurrentProcess()
        switch try ClusterFolder.inspect(dataDirectory, binariesMajor: binaries.majorVersion) {
        case .absentOrEmpty:
            try fm.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
            try runAsUser.takeOwnership(of: dataDirectory)
            try run(binaries.initdb, [
                "-D", dataDirectory, "-U", Self.bootstrapUser, "--auth-local=trust", "--auth-host=scram-sha-256",
                "-E", "UTF8", "--locale=C.UTF-8", "--no-instructions",
            ], as: runAsUser, failure: "initdb could not create the cluster")
            logger.info("created local PostgreSQL cluster", metadata: ["data_dir": .string(dataDirectory)])
        case .cluster:
            break
        }
        if try isRunning() {
            logger.info("reusing the PostgreSQL server already running on this folder", metadata: ["data_dir": .string(dataDirectory)])
            return
        }
        let listen = tcpPort == nil ? "''" : "127.0.0.1"
        let options = "-c listen_addresses=\(listen) -p \(Self.socketPort(tcpPort)) -c unix_socket_directories='\(dataDirectory)' -c max_connections=\(maxConnections) -c fsync=on"
        // Start without pg_ctl's own wait (which can hang under a process runner) and poll the
        // postmaster's status line ourselves.
        try run(binaries.pgCtl, ["-D", dataDirectory, "-l", "\(dataDirectory)/server.log", "-W", "-o", options, "start"],
                as: runAsUser, failure: "the PostgreSQL server did not start (see \(dataDirectory)/server.log)")
        try waitUntilReady(timeoutSeconds: 60)
        startedHere.set(true)
        logger.info("started local PostgreSQL", metadata: ["data_dir": .string(dataDirectory)])
    }

    private func waitUntilReady(timeoutSeconds: Int) throws {
        for _ in 0..<(timeoutSeconds * 20) {
            if let pid = try? String(contentsOfFile: "\(dataDirectory)/postmaster.pid", encoding: .utf8),
               pid.split(separator: "\n").contains(where: { $0.trimmingCharacters(in: .whitespaces) == "ready" }),
               FileManager.default.fileExists(atPath: socketPath) {
                return
            }
            usleep(50_000)
        }
        throw LocalPostgresError.commandFailed("the PostgreSQL server did not become ready within \(timeoutSeconds) s (see \(dataDirectory)/server.log)")
    }

    /// Whether a server is running on this folder (ours or another process's).
    public func isRunning() throws -> Bool {
        let status = try ProcessRunner.run(binaries.pgCtl, ["-D", dataDirectory, "status"], as: try ServerAccount.forCurrentProcess())
        return status.exitCode == 0
    }

    /// Whether this object started the server (and so is the one to stop it).
    public var startedByThisProcess: Bool { startedHere.get() }

    /// Stops the server with a fast, clean shutdown (open transactions roll back, data is flushed).
    public func stop() throws {
        guard try isRunning() else { return }
        try run(binaries.pgCtl, ["-D", dataDirectory, "-m", "fast", "-w", "-t", "60", "stop"],
                as: try ServerAccount.forCurrentProcess(), failure: "the PostgreSQL server did not stop")
        startedHere.set(false)
        logger.info("stopped local PostgreSQL", metadata: ["data_dir": .string(dataDirectory)])
    }

    /// Stops the server immediately, as a crash would (used by fault tests).
    public func kill() throws {
        _ = try ProcessRunner.run(binaries.pgCtl, ["-D", dataDirectory, "-m", "immediate", "-w", "stop"], as: try ServerAccount.forCurrentProcess())
    }

    private static func socketPort(_ tcpPort: Int?) -> Int { tcpPort ?? 5432 }

    /// The path of a client program shipped beside the server binaries (`pgbench`), or nil. The
    /// binaries found on PATH may be links (`/usr/local/bin/pg_ctl`); their target's folder counts.
    public func bundledClient(_ program: String) -> String? {
        let folder = URL(fileURLWithPath: binaries.pgCtl).resolvingSymlinksInPath().deletingLastPathComponent()
        let path = folder.appendingPathComponent(program).path
        return FileManager.default.isExecutableFile(atPath: path) ? path : nil
    }

    /// Runs a client program shipped beside the server binaries (`pgbench`) against this cluster's
    /// socket, as this process's user, and waits for it: nil when the binaries have no such
    /// program. `-h` and `-p` come first, then `arguments`; the output is stdout and stderr together.
    public func runBundledClient(_ program: String, _ arguments: [String]) throws -> (exitCode: Int32, output: String)? {
        guard let path = bundledClient(program) else { return nil }
        let result = try ProcessRunner.run(path, ["-h", socketDirectory, "-p", "\(Self.socketPort(tcpPort))"] + arguments, as: .currentUser)
        return (result.exitCode, result.output)
    }

    private func run(_ tool: String, _ arguments: [String], as account: ServerAccount, failure: String) throws {
        let result = try ProcessRunner.run(tool, arguments, as: account)
        guard result.exitCode == 0 else {
            throw LocalPostgresError.commandFailed("\(failure): \(result.output.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
    }
}

/// Why the local cluster could not be used; each message says what to do.
public enum LocalPostgresError: Error, CustomStringConvertible, Equatable {
    case binariesNotFound
    case notAClusterFolder(String)
    case newerClusterVersion(folder: String, folderMajor: Int, binariesMajor: Int)
    case noServerAccount
    case commandFailed(String)

    public var description: String {
        switch self {
        case .binariesNotFound:
            return "No PostgreSQL server binaries (initdb, pg_ctl, postgres) were found on PATH or in /usr/lib/postgresql/*/bin. Install PostgreSQL 15 or newer (Debian: apt-get install postgresql) or set DATABASE_URL to an existing server."
        case .notAClusterFolder(let folder):
            return "The data folder \(folder) is not empty and is not a PostgreSQL cluster; CareLedger will not touch it. Choose another folder with --data-dir."
        case let .newerClusterVersion(folder, folderMajor, binariesMajor):
            return "The data folder \(folder) belongs to PostgreSQL \(folderMajor), newer than the binaries found (\(binariesMajor)). Install PostgreSQL \(folderMajor) or choose another folder."
        case .noServerAccount:
            return "Running as root, but no unprivileged account (postgres or nobody) exists to run the PostgreSQL server. Create one (useradd --system postgres) or run as an ordinary user."
        case .commandFailed(let message):
            return message
        }
    }
}

/// The PostgreSQL server programs this machine has.
public struct PostgresBinaries: Sendable {
    public let initdb: String
    public let pgCtl: String
    public let majorVersion: Int

    /// PATH first, then the newest `/usr/lib/postgresql/N/bin`.
    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> PostgresBinaries {
        var directories = (environment["PATH"] ?? "").split(separator: ":").map(String.init)
        let versioned = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        directories += versioned.compactMap(Int.init).sorted(by: >).map { "/usr/lib/postgresql/\($0)/bin" }
        let fm = FileManager.default
        for directory in directories {
            let initdb = "\(directory)/initdb", pgCtl = "\(directory)/pg_ctl", postgres = "\(directory)/postgres"
            guard fm.isExecutableFile(atPath: initdb), fm.isExecutableFile(atPath: pgCtl), fm.isExecutableFile(atPath: postgres) else { continue }
            let version = (try? ProcessRunner.run(postgres, ["--version"], as: .currentUser).output) ?? ""
            // "postgres (PostgreSQL) 15.18 (Debian …)"
            let major = version.split(separator: " ").dropFirst(2).first.flatMap { Int($0.split(separator: ".").first ?? "") } ?? 0
            return PostgresBinaries(initdb: initdb, pgCtl: pgCtl, majorVersion: major)
        }
        throw LocalPostgresError.binariesNotFound
    }
}

/// What a data folder holds, decided before anything is written to it.
enum ClusterFolder {
    case absentOrEmpty
    case cluster

    static func inspect(_ path: String, binariesMajor: Int) throws -> ClusterFolder {
        let fm = FileManager.default
        guard fm.fileExists(atPath: path) else { return .absentOrEmpty }
        let entries = try fm.contentsOfDirectory(atPath: path)
        if entries.isEmpty { return .absentOrEmpty }
        guard let versionText = try? String(contentsOfFile: "\(path)/PG_VERSION", encoding: .utf8),
              let folderMajor = Int(versionText.trimmingCharacters(in: .whitespacesAndNewlines))
        else { throw LocalPostgresError.notAClusterFolder(path) }
        if folderMajor > binariesMajor {
            throw LocalPostgresError.newerClusterVersion(folder: path, folderMajor: folderMajor, binariesMajor: binariesMajor)
        }
        return .cluster
    }
}
