public import ArgumentParser
import Logging

/// `careledger`: the command line of the product.
public struct CareLedgerCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "careledger",
        abstract: "CareLedger: group therapy sessions to clean claims, for behavioral-health practices.",
        discussion: """
            With no DATABASE_URL, CareLedger starts a private PostgreSQL cluster from the server binaries on this \
            machine, in --data-dir, and stops it when the command ends.
            """,
        subcommands: [ServeCommand.self, MigrateCommand.self, DemoCommand.self, TokenCommand.self, EventsCommand.self, ImportCommand.self, ClaimsCommand.self, FPLCommand.self, StatementsCommand.self,
                      BenchCommand.self]
    )
    public init() {}

    /// Runs the command line (the executable's only line).
    public static func runMain() async {
        LoggingSystem.bootstrap { label in LogLineHandler(lines: .standardError(label: label)) }
        await withTaskExecutorPreference(EventLoopTaskExecutor.singleton) { await main() }
    }
}
