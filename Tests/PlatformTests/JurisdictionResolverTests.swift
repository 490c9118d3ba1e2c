import Foundation
import Logging
import Platform
import PlatformTesting
import Testing

@Suite("Jurisdiction profile storage and the resolution cache")
struct JurisdictionResolverTests {
    static func system(_ org: UUID) -> Principal { Principal(organizationID: org, userID: nil, credential: .system, permissions: []) }

    @Test("a cached resolution is served until the organization is invalidated")
    func cacheAndInvalidation() async throws {
        try await TestDatabase.with { db in
            let org = try await Organizations.create(name: "Cache", slug: "cache-org", database: db.database)
            let resolver = JurisdictionResolver(logger: db.logger)
            let first = try await db.database.withTenant(org) { tx in await resolver.resolve(siteID: nil, in: tx) }
            #expect(first.source == .defaults)
            // A change made behind the cache's back (another process) is not seen until expiry or invalidation.
            try await db.database.withTenant(org) { tx in
                try await JurisdictionProfileStore.save(JurisdictionProfile(displayName: "Medi-Cal", stateCode: "CA"), siteID: nil,
                                                        by: Self.system(org), in: tx)
            }
            #expect(resolver.cached(organizationID: org, siteID: nil)?.displayName == "AHCCCS")
            resolver.invalidate(organizationID: org)
            #expect(resolver.cached(organizationID: org, siteID: nil) == nil)
            let second = try await db.database.withTenant(org) { tx in await resolver.resolve(siteID: nil, in: tx) }
            #expect(second.displayName == "Medi-Cal")
            #expect(second.source == .organization)
        }
    }

    @Test("entries expire after the cache lifetime")
    func expiry() async throws {
        try await TestDatabase.with { db in
            let org = try await Organizations.create(name: "Expiry", slug: "expiry-org", database: db.database)
            let resolver = JurisdictionResolver(logger: db.logger, lifetime: .seconds(300))
            _ = try await db.database.withTenant(org) { tx in await resolver.resolve(siteID: nil, in: tx) }
            #expect(resolver.cached(organizationID: org, siteID: nil) != nil)
            #expect(resolver.cached(organizationID: org, siteID: nil, now: .now + .seconds(301)) == nil)
        }
    }

    @Test("a failed lookup falls open to the AHCCCS defaults and leaves the caller's transaction usable")
    func failedLookupFallsOpen() async throws {
        try await TestDatabase.with { db in
            let org = try await Organizations.create(name: "Broken", slug: "broken-org", database: db.database)
            try await db.asOwner("REVOKE SELECT ON pf_jurisdiction_profiles FROM careledger_app")
            let resolver = JurisdictionResolver(logger: db.logger)
            let (resolved, sites) = try await db.database.withTenant(org) { tx in
                let resolved = await resolver.resolve(siteID: nil, in: tx)
                let sites = try await tx.rows("SELECT count(*)::int FROM pf_sites").first?.decode(Int.self)
                return (resolved, sites)
            }
            #expect(resolved.lookupFailed)
            #expect(resolved.billing.minBillableMinutes == 8)
            #expect(resolved.billing.usesLegacyModifiers)
            #expect(sites == 0)
            #expect(resolver.cached(organizationID: org, siteID: nil) == nil, "a failure is retried, not cached")
        }
    }

    @Test("a site profile is chosen at its site and stored JSON round-trips")
    func siteProfileRoundTrip() async throws {
        try await TestDatabase.with { db in
            let org = try await Organizations.create(name: "Sites", slug: "sites-org", database: db.database)
            let texas = JurisdictionProfile(displayName: "Texas Medicaid", stateCode: "TX", billing: BillingRulesConfig(
                minBillableMinutes: 8, timedCodeUnitMinutes: 15,
                modifierConventions: [ModifierConvention(code: "HQ", description: "Group", trigger: .group)]),
                iopPhpCompliance: IOPPHPThresholdOverrides(phpMinDaysPerWeek: 4))
            let site = try await db.database.withTenant(org) { tx in
                let site = try await Organizations.createSite(name: "El Paso", in: tx)
                try await JurisdictionProfileStore.save(texas, siteID: site, by: Self.system(org), in: tx)
                return site
            }
            let stored = try await db.database.withTenant(org) { tx in try await JurisdictionProfileStore.stored(siteID: site, in: tx) }
            #expect(stored == texas)
            let resolver = JurisdictionResolver(logger: db.logger)
            let atSite = try await db.database.withTenant(org) { tx in await resolver.resolve(siteID: site, in: tx) }
            #expect(atSite.source == .site(id: site.uuidString.lowercased()))
            #expect(atSite.iopPhp.phpMinDaysPerWeek == 4)
            let orgWide = try await db.database.withTenant(org) { tx in await resolver.resolve(siteID: nil, in: tx) }
            #expect(orgWide.source == .defaults)
        }
    }
}
