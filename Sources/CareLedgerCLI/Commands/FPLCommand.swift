import ArgumentParser
import CareLedgerApp
import Foundation
import Platform
import PracticeManagement
import PostgresNIO

/// `careledger fpl import FILE`: adds a year of HHS poverty guidelines without a release.
struct FPLCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "fpl", abstract: "HHS poverty guidelines.", subcommands: [Import.self])

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import", abstract: "Add a year of HHS poverty guidelines from a JSON file (all three regions).",
            discussion: """
                The file: {"year": 2027, "effective_from": "2027-01-12", "source": "Federal Register notice …",
                "regions": {"contiguous": {"first_person_cents": …, "additional_person_cents": …}, "alaska": {…}, "hawaii": {…}}}.
                Guidelines are shared by every organization; the import is audited in the organization named. A year already stored is refused.
                """)

        @OptionGroup var database: DatabaseOptions
        @Option(help: "The organization whose audit log records the import (may be left out when there is only one).") var organization: String?
        @Argument(help: "The JSON file.") var file: String

        func run() async throws {
            let data: Data
            do { data = try Data(contentsOf: URL(fileURLWithPath: file)) } catch { throw CommandFailure("Cannot read \(file): \(error.localizedDescription)") }
            let parsed = try PovertyGuidelineImport.decode(data)
            let logger = makeLogger(level: .warning)
            try await withDatabaseRuntime(database, logger: logger) { runtime in
                try await runtime.verify(CareLedgerSchema.migrationsForCLI())
                let org = try await runtime.organizationID(slug: organization)
                let added = try await runtime.withApplication { database in
                    let operator_ = Principal(organizationID: org, userID: nil, credential: .system, permissions: [])
                    return try await database.withTenant(org) { tx in
                        try await PovertyGuidelines.add(parsed, by: operator_, in: tx)
                    }
                }
                print("Added the \(parsed.year) poverty guidelines, effective \(parsed.effectiveFrom): \(added.map(\.region.rawValue).joined(separator: ", ")).")
            }
        }
    }
}
