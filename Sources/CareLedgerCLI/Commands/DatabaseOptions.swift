import ArgumentParser
import Foundation
import Logging
import Platform
import PostgresNIO

/// Where the database lives, shared by every command that needs one.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .customLong("data-dir"), help: "Folder of the embedded PostgreSQL cluster (ignored with DATABASE_URL).")
    var dataDirectory: String = ".careledger/pgdata"

    @Option(name: .customLong("pg-port"), help: "Also let the embedded PostgreSQL listen on this loopback TCP port.")
    var postgresPort: Int?

    func runtimeOptions() -> DatabaseRuntime.Options {
        DatabaseRuntime.Options(dataDirectory: dataDirectory, tcpPort: postgresPort)
    }
}

/// Runs a command body with a started database, always shutting the embedded cluster down,
/// and turns any failure into one readable line and a non-zero exit.
func withDatabaseRuntime(_ options: DatabaseOptions, logger: Logger, _ body: (DatabaseRuntime) async throws -> Void) async throws {
    let runtime: DatabaseRuntime
    do {
        runtime = try await DatabaseRuntime.start(options.runtimeOptions(), logger: logger)
    } catch {
        throw CommandFailure(describe(error))
    }
    do {
        try await body(runtime)
        await runtime.shutdown()
    } catch {
        await runtime.shutdown()
        if error is ExitCode || error is CleanExit { throw error }
        throw CommandFailure(describe(error))
    }
}

/// A failure already worded for the person at the terminal.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

func describe(_ error: any Error) -> String {
    switch error {
    case let error as CommandFailure: return error.description
    case let error as LocalPostgresError: return error.description
    case let error as MigrationError: return error.description
    case let error as DatabaseConfigurationError: return error.description
    case let error as DomainError where error.kind == .unavailable:
        return "Could not reach the database. Check DATABASE_URL (host, port, credentials) or that the local cluster is running."
    case let error as DomainError: return error.message
    case let error as PSQLError where error.serverInfo != nil:
        // The server's primary message names the table or constraint; its detail (which can
        // echo row values) is left out.
        let info = error.serverInfo!
        return "The database refused the command (SQLSTATE \(info[.sqlState] ?? "?")): \(info[.message] ?? "no message")"
    default:
        let text = String(describing: error)
        if text.contains("connect") || text.contains("Connection") {
            return "Could not reach the database: \(text). Check DATABASE_URL or the local cluster."
        }
        return "Failed: \(text)"
    }
}

func makeLogger(_ label: String = "careledger", level: Logger.Level = .info) -> Logger {
    var logger = Logger(label: label)
    logger.logLevel = ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? level
    return logger
}
