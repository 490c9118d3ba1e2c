import Foundation
import Platform
import PlatformTesting
import Testing

@Suite("Bearer token cache")
struct ApiTokenCacheTests {
    static let principal = Principal(organizationID: UUID(), userID: UUID(), credential: .apiToken(id: UUID()), permissions: [.patientsRead])

    @Test("an entry answers until its lifetime has passed, and only for its own secret")
    func entriesExpire() {
        let cache = ApiTokenCache(lifetime: .seconds(5))
        let start = ContinuousClock.now
        cache.store(Self.principal, for: "clt_one", now: start)
        #expect(cache.principal(for: "clt_one", now: start + .milliseconds(4_999)) == Self.principal)
        #expect(cache.principal(for: "clt_two", now: start) == nil)
        #expect(cache.principal(for: "clt_one", now: start + .seconds(5)) == nil)
    }

    @Test("a lifetime of zero keeps nothing")
    func zeroLifetime() {
        let cache = ApiTokenCache(lifetime: .zero)
        cache.store(Self.principal, for: "clt_one")
        #expect(cache.principal(for: "clt_one") == nil)
    }

    @Test("a revoked token keeps authenticating through the cache until the entry expires; without the cache it is refused at once")
    func revocationWithinLifetime() async throws {
        try await TestDatabase.with { db in
            let tenant = try await TestTenant.create("Cached", permissions: [.patientsRead], database: db.database)
            let cache = ApiTokenCache(lifetime: .seconds(60))
            let principal = try #require(try await ApiTokens.authenticate(tenant.token, database: db.database, cache: cache))
            #expect(principal.organizationID == tenant.organizationID)
            try await db.asOwner("UPDATE pf_api_tokens SET revoked_at = now() WHERE organization_id = \(tenant.organizationID)")
            #expect(try await ApiTokens.authenticate(tenant.token, database: db.database, cache: cache) == principal)
            #expect(try await ApiTokens.authenticate(tenant.token, database: db.database) == nil)
            // When the entry has expired the database is asked again, and refuses.
            #expect(cache.principal(for: tenant.token, now: .now + .seconds(61)) == nil)
            #expect(try await ApiTokens.authenticate(tenant.token, database: db.database, cache: cache) == nil)
            // An unknown secret is never cached.
            #expect(try await ApiTokens.authenticate("clt_unknown", database: db.database, cache: cache) == nil)
            #expect(cache.principal(for: "clt_unknown") == nil)
        }
    }
}
