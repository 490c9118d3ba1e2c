import ArgumentParser
import CareLedgerApp
import Platform
import PostgresNIO

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "demo", abstract: "Load the demo practice data (safe to run again).")

    @OptionGroup var database: DatabaseOptions
    @Flag(name: .customLong("no-migrate"), help: "Do not apply pending migrations first (the schema must then be current).") var noMigrate = false

    func run() async throws {
        let logger = makeLogger()
        try await withDatabaseRuntime(database, logger: logger) { runtime in
            let migrations = try CareLedgerSchema.migrations()
            if noMigrate { try await runtime.verify(migrations) } else { try await runtime.migrate(migrations) }
            let loaded = try await runtime.withApplication { database in
                // The bus carries every core's subscribers, so the demo's published results reach them.
                return try await DemoData.load(into: database, bus: CareLedgerServices(database: database, bus: EventBus(logger: logger), logger: logger).bus)
            }
            print(DemoData.summary(created: loaded))
        }
    }
}
