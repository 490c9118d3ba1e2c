import ArgumentParser
import CareLedgerApp
import Clinical
import Foundation
import Platform
import PracticeManagement
import PostgresNIO

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "import", abstract: "Import data feeds.", subcommands: [Schedule.self, Encounters.self])

    struct Schedule: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "schedule", abstract: "Import a scheduling feed (CSV or JSON); re-importing the same file changes nothing.",
            discussion: "Columns: \(ScheduleFeed.columns.joined(separator: ", ")). In CSV, separate patient MRNs with ';'.")

        @OptionGroup var database: DatabaseOptions
        @Option(help: "The organization's slug (e.g. desert-bloom).") var organization: String
        @Argument(help: "The feed file; .csv is read as CSV, anything else as JSON.") var file: String

        func run() async throws {
            guard let data = FileManager.default.contents(atPath: file) else { throw CommandFailure("Cannot read \(file).") }
            let (rows, problems) = file.lowercased().hasSuffix(".csv")
                ? ScheduleFeed.parseCSV(String(decoding: data, as: UTF8.self)) : ScheduleFeed.parseJSON(data)
            let logger = makeLogger(level: .warning)
            try await withDatabaseRuntime(database, logger: logger) { runtime in
                try await runtime.verify(CareLedgerSchema.migrationsForCLI())
                let org = try await runtime.organizationID(slug: organization)
                let outcome = try await runtime.withApplication { db in
                    let operator_ = Principal(organizationID: org, userID: nil, credential: .system, permissions: [])
                    return try await db.withTenant(org) { tx in try await ScheduleImport.apply(rows, problems: problems, by: operator_, in: tx) }
                }
                print("Imported \(file): \(outcome.created) created, \(outcome.updated) updated, \(outcome.unchanged) unchanged.")
            }
        }
    }

    struct Encounters: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "encounters",
            abstract: "Import a FHIR R4 Bundle of Encounter and Condition resources (hospital discharges, ED visits, visits elsewhere); re-importing the same file changes nothing.",
            discussion: "Patients are matched by MRN (Encounter.subject.identifier.value, or a Patient entry's MR identifier). Any refusal names the entry and field and imports nothing.")

        @OptionGroup var database: DatabaseOptions
        @Option(help: "The organization's slug (e.g. desert-bloom).") var organization: String
        @Argument(help: "The bundle, a FHIR R4 JSON file.") var file: String

        func run() async throws {
            guard let data = FileManager.default.contents(atPath: file) else { throw CommandFailure("Cannot read \(file).") }
            let logger = makeLogger(level: .warning)
            try await withDatabaseRuntime(database, logger: logger) { runtime in
                try await runtime.verify(CareLedgerSchema.migrationsForCLI())
                let org = try await runtime.organizationID(slug: organization)
                let summary = try await runtime.withApplication { db in
                    let operator_ = Principal(organizationID: org, userID: nil, credential: .system, permissions: [])
                    do {
                        return try await db.withTenant(org) { tx in try await EncounterImport.importBundle(data, by: operator_, in: tx) }
                    } catch let error as DomainError {
                        throw CommandFailure("Nothing imported: \(error.field.map { "\($0): " } ?? "")\(error.message)")
                    }
                }
                print("Imported \(file): \(summary.created) created, \(summary.updated) updated, \(summary.unchanged) unchanged, \(summary.diagnoses) diagnoses.")
            }
        }
    }
}
