import Foundation
import Logging
import Platform
import PlatformTesting
import PostgresNIO
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

    @Test("outside a transaction: a cached answer needs no database, and a database that cannot be reached falls open")
    func resolveOutsideTransaction() async throws {
        try await TestDatabase.with { db in
            let org = try await Organizations.create(name: "Outside", slug: "outside-org", database: db.database)
            let resolver = JurisdictionResolver(logger: db.logger)
            let fresh = await resolver.resolve(siteID: nil, organizationID: org, database: db.database)
            #expect(!fresh.lookupFailed)
            #expect(resolver.cached(organizationID: org, siteID: nil) != nil)
            // A client that is never run hands out no connection: its transactions fail at once.
            var settings = PostgresClient.Configuration(host: "127.0.0.1", port: 1, username: "nobody", password: nil, database: "none", tls: .disable)
            settings.options.connectTimeout = .milliseconds(100)
            let unreachable = Database(client: PostgresClient(configuration: settings, backgroundLogger: db.logger), logger: db.logger,
                                       connectionWait: .milliseconds(100))
            #expect(await resolver.resolve(siteID: nil, organizationID: org, database: unreachable) == fresh, "the cached answer")
            let other = UUID()
            let failed = await resolver.resolve(siteID: nil, organizationID: other, database: unreachable)
            #expect(failed.lookupFailed)
            #expect(failed.billing.minBillableMinutes == 8)
            #expect(resolver.cached(organizationID: other, siteID: nil) == nil)
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
