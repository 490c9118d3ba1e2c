import CareLedgerHTTP
import Foundation
import Hummingbird
import HummingbirdTesting
import HTTPTypes
import Platform
import PlatformTesting
import Testing

@Suite("API credentials and permissions")
struct AuthenticationTests {
    @Test("no credentials, an unknown token or a malformed header answer 401 with the envelope")
    func unauthenticated() async throws {
        try await withAPI { _, _, client in
            for header in [nil, "Bearer clt_not-a-real-token", "Basic dXNlcjpwYXNz"] as [String?] {
                var headers = HTTPFields()
                if let header { headers[.authorization] = header }
                let response = try await client.execute(uri: "/api/v1/me", method: .get, headers: headers) { $0 }
                #expect(response.status == .unauthorized)
                #expect(response.errorBody?.code == "UNAUTHENTICATED")
                #expect(response.headers[.wwwAuthenticate] == "Bearer")
                #expect(response.headers[HTTPField.Name("X-Request-Id")!] != nil)
            }
        }
    }

    @Test("a token without the permission answers 403 naming the missing key")
    func forbiddenNamesThePermission() async throws {
        try await withAPI { db, _, client in
            let tenant = try await TestTenant.create("Reader", permissions: [.patientsRead], database: db.database)
            let response = try await client.call(.post, "/api/v1/patients", as: tenant,
                                                 json: #"{"mrn":"A1","given_name":"Ana","family_name":"Diaz","date_of_birth":"1990-02-03"}"#)
            #expect(response.status == .forbidden)
            #expect(response.errorBody?.code == "MISSING_PERMISSION")
            #expect(response.errorBody?.message.contains("pm.patients.manage") == true)
            let count = try await db.ownerScalars("SELECT count(*)::int FROM pm_patients", as: Int.self)
            #expect(count == [0])
        }
    }

    @Test("an expired token is refused")
    func expiredToken() async throws {
        try await withAPI { db, _, client in
            let tenant = try await TestTenant.create("Expiring", permissions: [.patientsRead], database: db.database)
            try await db.asOwner("UPDATE pf_api_tokens SET expires_at = now() - interval '1 minute'")
            let response = try await client.call(.get, "/api/v1/patients", as: tenant)
            #expect(response.status == .unauthorized)
        }
    }

    @Test("a revoked token keeps working for the token cache's lifetime, and is refused at once with the cache off")
    func revokedToken() async throws {
        for (lifetime, afterRevoking) in [(Duration.seconds(60), HTTPResponse.Status.ok), (.zero, .unauthorized)] {
            try await withAPI(tokenCacheLifetime: lifetime) { db, _, client in
                let tenant = try await TestTenant.create("Revoked", permissions: [.patientsRead], database: db.database)
                #expect(try await client.call(.get, "/api/v1/me", as: tenant).status == .ok)
                try await db.asOwner("UPDATE pf_api_tokens SET revoked_at = now() WHERE organization_id = \(tenant.organizationID)")
                #expect(try await client.call(.get, "/api/v1/me", as: tenant).status == afterRevoking)
            }
        }
    }

    @Test("/me reports the organization, the default facility and exactly the token's scopes")
    func meReportsThePrincipal() async throws {
        try await withAPI { db, _, client in
            let tenant = try await TestTenant.create("Desert", permissions: [.patientsRead, .auditRead], database: db.database)
            let response = try await client.call(.get, "/api/v1/me", as: tenant)
            #expect(response.status == .ok)
            let me = try #require(response.json as? [String: Any])
            #expect(me["organization_name"] as? String == "Desert")
            #expect(me["default_facility_id"] as? String == tenant.facility.id.uuidString)
            #expect(me["permissions"] as? [String] == ["platform.audit.read", "pm.patients.read"])
        }
    }

    @Test("a token can only be minted with scopes its creator holds, and the secret works once minted")
    func mintingTokens() async throws {
        try await withAPI { db, _, client in
            let tenant = try await TestTenant.create("Minter", permissions: [.usersManage, .patientsRead], database: db.database)
            let refused = try await client.call(.post, "/api/v1/tokens", as: tenant, json: #"{"name":"feed","scopes":["pm.claims.manage"]}"#)
            #expect(refused.status == .forbidden, "a scope beyond the creator's is a missing authority (403), not a malformed body")
            #expect(refused.errorBody?.field == "scopes" && refused.errorBody?.code == "SCOPE_NOT_HELD")
            let unknown = try await client.call(.post, "/api/v1/tokens", as: tenant, json: #"{"name":"feed","scopes":[""]}"#)
            #expect(unknown.status == .forbidden, "nobody holds a scope that is no permission")
            #expect(try await db.ownerScalars("SELECT count(*)::int FROM pf_api_tokens WHERE name = 'feed'", as: Int.self) == [0])
            let minted = try await client.call(.post, "/api/v1/tokens", as: tenant, json: #"{"name":"feed","scopes":["pm.patients.read"]}"#)
            #expect(minted.status == .created)
            let secret = try #require((minted.json as? [String: Any])?["token"] as? String)
            #expect(secret.hasPrefix("clt_"))
            let stored = try await db.ownerScalars("SELECT count(*)::int FROM pf_api_tokens WHERE token_hash = sha256(convert_to(\(secret), 'UTF8'))", as: Int.self)
            #expect(stored == [1])
            let plain = try await db.ownerScalars("SELECT count(*)::int FROM pf_api_tokens WHERE encode(token_hash, 'escape') LIKE '%' || \(secret) || '%'", as: Int.self)
            #expect(plain == [0])
            let me = try await client.execute(uri: "/api/v1/me", method: .get, headers: [.authorization: "Bearer \(secret)"]) { $0 }
            #expect(me.status == .ok)
            #expect((me.json as? [String: Any])?["permissions"] as? [String] == ["pm.patients.read"])
        }
    }
}
