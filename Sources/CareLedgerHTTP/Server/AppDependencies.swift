import Foundation
public import Logging
public import Platform
import PracticeManagement
import Clinical

/// What the HTTP layer is built from; the single assembly point composes the cores here.
public struct AppDependencies: Sendable {
    public let database: Database
    public let bus: EventBus
    public let logger: Logger
    public let version: String
    /// Marks the session cookie `Secure`; off only for plain-HTTP development behind no proxy.
    public let secureCookies: Bool
    /// Renders Prometheus metrics for `/metrics`, when the process has a registry.
    public let metricsText: (@Sendable () -> String)?
    /// Effective billing rules per organization and site, cached for five minutes in this process.
    public let jurisdictions: JurisdictionResolver
    /// Bearer tokens that authenticated in the last few seconds (revocation takes effect within that).
    public let tokens: ApiTokenCache

    public init(database: Database, bus: EventBus, logger: Logger, version: String = CareLedgerVersion.current,
                secureCookies: Bool = true, metricsText: (@Sendable () -> String)? = nil,
                tokenCacheLifetime: Duration = ApiTokenCache.defaultLifetime) {
        self.database = database
        self.bus = bus
        self.logger = logger
        self.version = version
        self.secureCookies = secureCookies
        self.metricsText = metricsText
        self.jurisdictions = JurisdictionResolver(logger: logger)
        self.tokens = ApiTokenCache(lifetime: tokenCacheLifetime)
        CorePipelines.subscribe(bus: bus, jurisdictions: jurisdictions)
    }
}

public enum CareLedgerVersion {
    public static let current = "0.1.0"
}

/// Every migration of the product, in order: the platform's, then each core's.
public enum CareLedgerSchema {
    public static func migrationsForCLI() throws -> [Migration] { try migrations() }

    public static func migrations() throws -> [Migration] {
        // Versions are global: Platform's integration functions (09xx) come after the cores'.
        try (PlatformMigrations.all() + PracticeManagementModule.migrations() + ClinicalModule.migrations()).sorted { $0.version < $1.version }
    }
}
