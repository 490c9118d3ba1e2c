import ArgumentParser
import CareLedgerApp
import Platform
import PostgresNIO

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "demo", abstract: "Load the demo practice data (safe to run again).")

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let logger = makeLogger()
        try await withDatabaseRuntime(database, logger: logger) { runtime in
            try await runtime.migrate(CareLedgerSchema.migrations())
            let client = PostgresClient(configuration: runtime.settings.application, backgroundLogger: logger)
            let loaded = try await client.whileRunning { client in
                try await DemoData.load(into: Database(client: client, logger: logger))
            }
            print(DemoData.summary(created: loaded))
        }
    }
}
