import ArgumentParser
import CareLedgerApp
import CareLedgerHTTP
import Foundation
import Hummingbird
import Logging
import Metrics
import Platform
import PostgresNIO
import NIOCore
import Prometheus
import ServiceLifecycle

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Run the web server, the event dispatcher and periodic jobs.")

    @OptionGroup var database: DatabaseOptions
    @Option(help: "Address to listen on.") var host: String = "127.0.0.1"
    @Option(help: "Port to listen on.") var port: Int = 8080
    @Flag(help: "Load the demo practice data first and print sign-in details.") var demo = false
    @Flag(name: .customLong("insecure-cookies"), help: "Send the session cookie without Secure (plain HTTP on a non-local host).") var insecureCookies = false
    @Flag(name: .customLong("behind-proxy"), help: "A proxy in front appends each client's address to X-Forwarded-For; sign-in throttling counts that address.")
    var behindProxy = false
    @Flag(name: .customLong("no-migrate"), help: "Do not apply pending migrations at start (the schema must then be current).") var noMigrate = false

    func validate() throws {
        guard (1...65535).contains(port) else { throw ValidationError("--port must be from 1 to 65535.") }
    }

    func run() async throws {
        let logger = makeLogger()
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        if demo {
            do {
                try await DemoLoadStep.run(database, migrate: !noMigrate)
            } catch let error as CommandFailure {
                throw error
            } catch {
                throw CommandFailure("Could not start the demo's load: \(error)")
            }
        }
        try await withDatabaseRuntime(database, logger: logger) { runtime in
            let migrations = try CareLedgerSchema.migrations()
            if noMigrate { try await runtime.verify(migrations) } else { try await runtime.migrate(migrations) }

            let client = PostgresClient(configuration: runtime.settings.requestPool(), backgroundLogger: logger)
            let db = Database(client: client, logger: logger)
            let services = CareLedgerServices(database: db, bus: EventBus(logger: logger), logger: logger)
            let dispatcher = EventDispatcher(bus: services.bus, database: db, logger: logger)
            let jobs = PeriodicJobRunner(jobs: services.periodicJobs, database: db, logger: logger)
            let dependencies = AppDependencies(services: services, secureCookies: !insecureCookies,
                                               metricsText: { var buffer = [UInt8](); registry.emit(into: &buffer); return String(decoding: buffer, as: UTF8.self) },
                                               trustsProxy: behindProxy)

            let (host, port) = (self.host, self.port)
            let app = ApplicationBuilder.buildApplication(dependencies, host: host, port: port, services: [client, dispatcher, jobs, HeapTrimmer()]) {
                print("CareLedger is listening on http://\(host):\(port)  (Ctrl-C stops it)")
                fflush(nil)
                // Migration leaves its freed buffers in the heap's arenas.
                HeapTrimmer.trim()
            }
            do {
                try await app.runService()
            } catch let error as IOError where error.errnoCode == EADDRINUSE {
                throw CommandFailure("Port \(port) is already in use; choose another with --port.")
            } catch {
                if String(describing: error).contains("Address already in use") {
                    throw CommandFailure("Port \(port) is already in use; choose another with --port.")
                }
                throw error
            }
        }
    }
}
