import ArgumentParser
import CareLedgerApp
import Platform

struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "migrate", abstract: "Apply pending database migrations.")

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let logger = makeLogger()
        try await withDatabaseRuntime(database, logger: logger) { runtime in
            let applied = try await runtime.migrate(CareLedgerSchema.migrations())
            print(applied.isEmpty ? "The schema is up to date." : "Applied migrations \(applied.map(String.init).joined(separator: ", ")).")
        }
    }
}
