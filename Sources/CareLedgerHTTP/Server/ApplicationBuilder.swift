import CareLedgerApp
import Foundation
public import Hummingbird
import Logging
import NIOCore
import PostgresNIO
import Platform
import PracticeManagement
public import ServiceLifecycle

/// The single assembly point: the router with its middleware, API and pages.
public enum ApplicationBuilder {
    public static func buildRouter(_ dependencies: AppDependencies) -> (router: Router<AppRequestContext>, registry: APIRegistry) {
        let router = Router(context: AppRequestContext.self)
        let registry = APIRegistry()
        router.add(middleware: SecurityHeadersMiddleware())
        router.add(middleware: RequestIDMiddleware())
        router.add(middleware: ErrorEnvelopeMiddleware())
        router.add(middleware: MethodNotAllowedMiddleware(registry: registry))
        router.add(middleware: CrossSiteRequestMiddleware())
        router.add(middleware: ControlCharacterMiddleware())

        // Probes and the API description need no credentials.
        router.get("/health") { _, _ in JSONResponse(["status": "up"]) }
        router.get("/ready") { _, _ in
            try await ReadinessCheck.run(dependencies)
            return JSONResponse(["status": "ready"])
        }
        router.get("/openapi.json") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json"],
                     body: .init(byteBuffer: ByteBuffer(string: OpenAPIDocument.build(registry, version: dependencies.version))))
        }
        router.get("/metrics") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
                     body: .init(byteBuffer: ByteBuffer(string: dependencies.metricsText?() ?? "")))
        }
        router.get("/assets/app.css") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "max-age=300"],
                     body: .init(byteBuffer: ByteBuffer(string: Stylesheet.css)))
        }

        router.add(middleware: AuthenticationMiddleware(database: dependencies.database, tokens: dependencies.tokens))
        MeRoutes(dependencies: dependencies).register(on: router, registry: registry)
        FacilityRoutes(dependencies: dependencies).register(on: router, registry: registry)
        ApiTokenRoutes(dependencies: dependencies).register(on: router, registry: registry)
        AuditLogRoutes(dependencies: dependencies).register(on: router, registry: registry)
        PatientRoutes(dependencies: dependencies).register(on: router, registry: registry)
        BillingRulesRoutes(dependencies: dependencies).register(on: router, registry: registry)
        BillingSettingsRoutes(dependencies: dependencies).register(on: router, registry: registry)
        ChargeRoutes(dependencies: dependencies).register(on: router, registry: registry)
        GroupSessionRoutes(dependencies: dependencies).register(on: router, registry: registry)
        GroupSessionChargeRoutes(dependencies: dependencies).register(on: router, registry: registry)
        GroupSessionNoteRoutes(dependencies: dependencies).register(on: router, registry: registry)
        CareTeamRoutes(dependencies: dependencies).register(on: router, registry: registry)
        ScheduleRoutes(dependencies: dependencies).register(on: router, registry: registry)
        ComplianceRoutes(dependencies: dependencies).register(on: router, registry: registry)
        ClaimRoutes(dependencies: dependencies).register(on: router, registry: registry)
        BillingProfileRoutes(dependencies: dependencies).register(on: router, registry: registry)
        QualityMeasureResultRoutes(dependencies: dependencies).register(on: router, registry: registry)
        VBPRoutes(dependencies: dependencies).register(on: router, registry: registry)
        AssistanceReferralRoutes(dependencies: dependencies).register(on: router, registry: registry)
        CostEstimateRoutes(dependencies: dependencies).register(on: router, registry: registry)
        QualityMeasureRoutes(dependencies: dependencies).register(on: router, registry: registry)
        FinancialCounselingRoutes(dependencies: dependencies).register(on: router, registry: registry)
        NotificationRoutes(dependencies: dependencies).register(on: router, registry: registry)
        WebRoutes(dependencies: dependencies).register(on: router)
        BillingRulesPageRoutes(dependencies: dependencies).register(on: router)
        GroupSessionPageRoutes(dependencies: dependencies).register(on: router)
        GroupSessionNotePageRoutes(dependencies: dependencies).register(on: router)
        PatientEncountersPage(dependencies: dependencies).register(on: router)
        FinancialCounselingPageRoutes(dependencies: dependencies).register(on: router)
        FinancialCounselingFormRoutes(dependencies: dependencies).register(on: router)
        NotificationPageRoutes(dependencies: dependencies).register(on: router)
        CompliancePageRoutes(dependencies: dependencies).register(on: router)
        ClaimPageRoutes(dependencies: dependencies).register(on: router)
        VBPPageRoutes(dependencies: dependencies).register(on: router)
        VBPContractPageRoutes(dependencies: dependencies).register(on: router)
        QualityPageRoutes(dependencies: dependencies).register(on: router)
        return (router, registry)
    }

    /// The application: the router plus the background services it runs beside.
    /// `onListening` runs once the port is bound (so "listening" is never printed for a port in use).
    public static func buildApplication(
        _ dependencies: AppDependencies, host: String, port: Int, services: [any Service],
        onListening: @escaping @Sendable () async -> Void = {}
    ) -> some ApplicationProtocol {
        let (router, _) = buildRouter(dependencies)
        return Application(router: router, configuration: .init(address: .hostname(host, port: port), serverName: "CareLedger"),
                           services: services, onServerRunning: { _ in await onListening() }, logger: dependencies.logger)
    }
}

/// `/ready`: the database answers and its schema is exactly this build's.
enum ReadinessCheck {
    static func run(_ dependencies: AppDependencies) async throws {
        let migrations = try CareLedgerSchema.migrations()
        let migrator = try Migrator(migrations: migrations, logger: dependencies.logger)
        do {
            try await dependencies.database.withConnection { connection in try await migrator.verify(connection) }
        } catch let error as MigrationError {
            throw DomainError(.unavailable, code: "SCHEMA_NOT_READY", message: error.description)
        }
    }
}
