public import CareLedgerApp
import Foundation
public import Logging
public import Platform

/// What the HTTP layer is built from: the product's services plus what only HTTP needs.
public struct AppDependencies: Sendable {
    /// The cores as `CareLedgerApp` composes them; routes call its workflows and the cores' services.
    public let services: CareLedgerServices
    public let version: String
    /// Marks the session cookie `Secure`; off only for plain-HTTP development behind no proxy.
    public let secureCookies: Bool
    /// Renders Prometheus metrics for `/metrics`, when the process has a registry.
    public let metricsText: (@Sendable () -> String)?
    /// Whether a proxy in front appends the client's address to `X-Forwarded-For` (`ClientAddress`).
    public let trustsProxy: Bool
    /// Bearer tokens that authenticated in the last few seconds (revocation takes effect within that).
    public let tokens: ApiTokenCache
    /// Wrong passwords per account and client address in this process (`SignInThrottle`).
    let signInThrottle = LockedValue(SignInThrottle())

    public var database: Database { services.database }
    public var bus: EventBus { services.bus }
    public var logger: Logger { services.logger }
    /// Effective billing rules per organization and site, cached for five minutes in this process.
    public var jurisdictions: JurisdictionResolver { services.jurisdictions }

    public init(services: CareLedgerServices, version: String = CareLedgerVersion.current, secureCookies: Bool = true,
                metricsText: (@Sendable () -> String)? = nil, tokenCacheLifetime: Duration = ApiTokenCache.defaultLifetime,
                trustsProxy: Bool = false) {
        self.services = services
        self.version = version
        self.secureCookies = secureCookies
        self.trustsProxy = trustsProxy
        self.metricsText = metricsText
        self.tokens = ApiTokenCache(lifetime: tokenCacheLifetime)
    }

    public init(database: Database, bus: EventBus, logger: Logger, version: String = CareLedgerVersion.current,
                secureCookies: Bool = true, metricsText: (@Sendable () -> String)? = nil,
                tokenCacheLifetime: Duration = ApiTokenCache.defaultLifetime, trustsProxy: Bool = false) {
        self.init(services: CareLedgerServices(database: database, bus: bus, logger: logger), version: version,
                  secureCookies: secureCookies, metricsText: metricsText, tokenCacheLifetime: tokenCacheLifetime, trustsProxy: trustsProxy)
    }
}
