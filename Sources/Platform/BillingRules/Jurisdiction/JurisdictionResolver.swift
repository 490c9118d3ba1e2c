public import Foundation
public import Logging
import PostgresNIO
import Metrics
import Synchronization

/// Resolves an organization's (or site's) effective billing rules through a per-process cache.
///
/// Entries live five minutes (PF-96's stale time); saving a profile invalidates the
/// organization's entries in the process that saved it, and other processes see the change
/// when their entries expire. Resolution is fail-open: a failed lookup yields the AHCCCS
/// defaults, is logged once with the organization id only, and is counted.
public final class JurisdictionResolver: Sendable {
    /// A class, so a cache hit takes one reference out of the table under the lock and copies
    /// the resolution once, outside it.
    final class Entry: Sendable {
        let resolved: ResolvedJurisdiction
        let expires: ContinuousClock.Instant

        init(resolved: ResolvedJurisdiction, expires: ContinuousClock.Instant) {
            self.resolved = resolved
            self.expires = expires
        }
    }

    public static let lifetime: Duration = .seconds(300)

    // A Mutex, not LockedValue's NSLock: the cache is read for every charge evaluated.
    private let entries = Mutex(JurisdictionCacheTable())
    private let lifetime: Duration
    private let logger: Logger
    private let fallbackCounter = Counter(label: "careledger_jurisdiction_fallback_total")

    public init(logger: Logger, lifetime: Duration = JurisdictionResolver.lifetime) {
        self.logger = logger
        self.lifetime = lifetime
    }

    /// The cached resolution, if one is fresh; no database round trip, no allocation.
    public func cached(organizationID: UUID, siteID: UUID?, now: ContinuousClock.Instant = .now) -> ResolvedJurisdiction? {
        let key = JurisdictionCacheTable.Key(organizationID: organizationID, siteID: siteID)
        guard let entry = entries.withLock({ $0.entry(for: key) }), entry.expires > now else { return nil }
        return entry.resolved
    }

    /// The effective rules for the transaction's organization at `siteID`.
    public func resolve(siteID: UUID?, in tx: TenantTransaction) async -> ResolvedJurisdiction {
        if let hit = cached(organizationID: tx.organizationID, siteID: siteID) { return hit }
        let resolved: ResolvedJurisdiction
        // A savepoint keeps the caller's transaction usable when the lookup fails.
        do {
            let profiles = try await tx.withSavepoint("jurisdiction_lookup") { try await JurisdictionProfileStore.load(siteID: siteID, in: tx) }
            resolved = resolveJurisdictionProfile(siteProfile: profiles.site, organizationProfile: profiles.organization)
        } catch {
            resolved = resolveJurisdictionProfile(siteProfile: nil, organizationProfile: nil, lookupFailed: true)
        }
        if resolved.usedFallback { reportFallback(resolved, organizationID: tx.organizationID) }
        // A failed lookup is not cached: the next request tries the database again.
        guard !resolved.lookupFailed else { return resolved }
        let entry = Entry(resolved: resolved, expires: .now + lifetime)
        entries.withLock { $0.store(entry, for: JurisdictionCacheTable.Key(organizationID: tx.organizationID, siteID: siteID)) }
        return resolved
    }

    /// The same, outside a transaction: a cached answer costs no round trip; otherwise the
    /// lookup runs in a transaction of its own. Fail-open like the lookup itself, so a caller
    /// whose own work has already committed (a one-round-trip mark) is never failed by its rules.
    public func resolve(siteID: UUID?, organizationID: UUID, database: Database) async -> ResolvedJurisdiction {
        if let hit = cached(organizationID: organizationID, siteID: siteID) { return hit }
        do {
            return try await database.withTenant(organizationID) { tx in await self.resolve(siteID: siteID, in: tx) }
        } catch {
            let resolved = resolveJurisdictionProfile(siteProfile: nil, organizationProfile: nil, lookupFailed: true)
            reportFallback(resolved, organizationID: organizationID)
            return resolved
        }
    }

    /// Logs and counts a resolution that used AHCCCS defaults. A profile that leaves fields
    /// unset is the documented design (they default to Arizona's values), so that is a debug
    /// line; only a failed lookup, where the organization's own profile could not be read, is a
    /// warning. Ids and field paths only: a profile holds no PHI, but the rule is simple to keep.
    private func reportFallback(_ resolved: ResolvedJurisdiction, organizationID: UUID) {
        let metadata: Logger.Metadata = [
            "organization_id": .string(organizationID.uuidString),
            "fallback_fields": .string(resolved.fallbacks.map(\.rawValue).sorted().joined(separator: ",")),
        ]
        if resolved.lookupFailed {
            logger.warning("jurisdiction profile could not be read; using the AHCCCS defaults until it can", metadata: metadata)
        } else {
            logger.debug("jurisdiction profile leaves fields unset; using the AHCCCS defaults for them, as designed", metadata: metadata)
        }
        fallbackCounter.increment()
    }

    /// Drops every cached entry of the organization (its own and its sites').
    public func invalidate(organizationID: UUID) {
        entries.withLock { $0.removeAll(organizationID: organizationID) }
    }
}

extension ProfileSource {
    /// How a charge records the profile that produced it: `site:<id>`, `organization` or `defaults`.
    public var recordValue: String {
        switch self {
        case .site(let id): "site:\(id)"
        case .organization: "organization"
        case .defaults: "defaults"
        }
    }
}
