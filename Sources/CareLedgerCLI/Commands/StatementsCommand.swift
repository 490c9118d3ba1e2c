import ArgumentParser
import CareLedgerApp
import Foundation
import Platform
import PracticeManagement
import PostgresNIO

/// `careledger statements run`: a statement for every patient with a balance.
struct StatementsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "statements", abstract: "Patient statements.", subcommands: [Run.self])

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "run", abstract: "Build the statements of every patient whose balance through the period's end is above zero.",
            discussion: "Prints one line per statement (patient id, tier, charity indicator, balance in cents); --output writes them all as JSON.")

        @OptionGroup var database: DatabaseOptions
        @Option(help: "The organization's slug (may be left out when there is only one).") var organization: String?
        @Option(help: "First day of the period, YYYY-MM-DD.") var from: String
        @Option(help: "Last day of the period, YYYY-MM-DD.") var to: String
        @Option(help: "Write the statements as JSON to this file.") var output: String?

        func validate() throws {
            guard ServiceDate(from) != nil else { throw ValidationError("--from is a date, YYYY-MM-DD.") }
            guard ServiceDate(to) != nil else { throw ValidationError("--to is a date, YYYY-MM-DD.") }
        }

        func run() async throws {
            let logger = makeLogger(level: .warning)
            guard let from = ServiceDate(from), let to = ServiceDate(to) else { return }
            try await withDatabaseRuntime(database, logger: logger) { runtime in
                try await runtime.verify(CareLedgerSchema.migrationsForCLI())
                let org = try await runtime.organizationID(slug: organization)
                let statements = try await runtime.withApplication { database in
                    try await database.withTenant(org) { tx in try await PatientStatements.run(from: from, to: to, in: tx) }
                }
                for statement in statements {
                    print("\(statement.patientID.uuidString.lowercased())  tier \(statement.tier.tier?.label ?? "-")  charity \(statement.charityIndicator ? "yes" : "no")  balance \(statement.balanceCents)")
                }
                print("\(statements.count) statement\(statements.count == 1 ? "" : "s") for \(from) to \(to); total due \(statements.reduce(0) { $0 + $1.balanceCents }) cents.")
                if let output {
                    let encoder = JSONEncoder()
                    encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
                    try encoder.encode(statements).write(to: URL(fileURLWithPath: output))
                }
            }
        }
    }
}
