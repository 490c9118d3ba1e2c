import CareLedgerHTTP
import Foundation
import Hummingbird
import HummingbirdTesting
import HTTPTypes
import NIOCore
import Platform
import PlatformTesting
import Testing

/// Issue 13's defects, each through the whole router: headers, cross-site writes, control
/// characters, refusals in the API's words, 405, concurrent idempotent captures, sign-in
/// throttling and token revocation.
@Suite("Security hardening")
struct SecurityHardeningTests {
    static let formHeaders: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

    static func signIn(_ client: some TestClientProtocol, _ tenant: TestTenant) async throws -> String {
        try await BillingRulesPageTests.signIn(client, tenant)
    }

    @Test("every response carries CSP without inline script, nosniff, DENY framing and a referrer policy; HSTS only behind HTTPS; API answers are no-store")
    func securityHeaders() async throws {
        try await withAPI { db, _, client in
            let tenant = try await TestTenant.create("Headers", permissions: [.patientsRead], database: db.database)
            let page = try await client.execute(uri: "/sign-in", method: .get) { $0 }
            let csp = try #require(page.headers[.contentSecurityPolicy])
            #expect(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"))
            #expect(csp.contains("frame-ancestors 'none'"))
            #expect(page.headers[.xContentTypeOptions] == "nosniff")
            #expect(page.headers[HTTPField.Name("X-Frame-Options")!] == "DENY")
            #expect(page.headers[HTTPField.Name("Referrer-Policy")!] == "same-origin")
            #expect(page.headers[.strictTransportSecurity] == nil, "plain HTTP gets no HSTS")

            let api = try await client.call(.get, "/api/v1/patients", as: tenant)
            #expect(api.status == .ok)
            #expect(api.headers[.cacheControl] == "no-store")
            #expect(api.headers[.contentSecurityPolicy] != nil)
            let refused = try await client.call(.get, "/api/v1/patients", as: nil)
            #expect(refused.status == .unauthorized)
            #expect(refused.headers[.xContentTypeOptions] == "nosniff", "error answers carry the headers too")

            let proxied = try await client.execute(uri: "/sign-in", method: .get, headers: [HTTPField.Name("X-Forwarded-Proto")!: "https"]) { $0 }
            #expect(proxied.headers[.strictTransportSecurity]?.hasPrefix("max-age=") == true)
            let script = try await client.execute(uri: "/assets/app.js", method: .get) { $0 }
            #expect(script.headers[.cacheControl]?.contains("max-age") == true, "assets keep their own caching")
        }
    }

    @Test("a cross-site form post is refused and changes nothing; a cookie API write must be JSON; bearer clients are unaffected")
    func crossSiteWrites() async throws {
        try await withAPI { db, _, client in
            let tenant = try await TestTenant.create("Cross Site", permissions: [.patientsRead, .patientsManage], database: db.database)
            let cookie = try await Self.signIn(client, tenant)

            let evil = try await client.execute(uri: "/sign-out", method: .post,
                                                headers: [.cookie: cookie, .origin: "http://evil.example"]) { $0 }
            #expect(evil.status == .forbidden)
            let crossSite = try await client.execute(uri: "/sign-out", method: .post,
                                                     headers: [.cookie: cookie, HTTPField.Name("Sec-Fetch-Site")!: "cross-site"]) { $0 }
            #expect(crossSite.status == .forbidden)
            let opaque = try await client.execute(uri: "/sign-out", method: .post, headers: [.cookie: cookie, .origin: "null"]) { $0 }
            #expect(opaque.status == .forbidden)
            #expect(try await client.execute(uri: "/", method: .get, headers: [.cookie: cookie]) { $0 }.status == .ok, "still signed in")

            let patient = #"{"mrn":"X-1","given_name":"Ana","family_name":"Diaz","date_of_birth":"1990-02-03"}"#
            let plain = try await client.execute(uri: "/api/v1/patients", method: .post,
                                                 headers: [.cookie: cookie, .contentType: "text/plain"], body: ByteBuffer(string: patient)) { $0 }
            #expect(plain.status == .unsupportedMediaType)
            #expect(plain.errorBody?.code == "UNSUPPORTED_MEDIA_TYPE")
            #expect(try await db.ownerScalars("SELECT count(*)::int FROM pm_patients", as: Int.self) == [0])

            let json = try await client.execute(uri: "/api/v1/patients", method: .post,
                                                headers: [.cookie: cookie, .contentType: "application/json", .origin: "http://localhost"],
                                                body: ByteBuffer(string: patient)) { $0 }
            #expect(json.status == .created, "the page script's same-origin JSON post still works")
            let bearer = try await client.call(.post, "/api/v1/patients", as: tenant,
                                               json: #"{"mrn":"X-2","given_name":"Bo","family_name":"Diaz","date_of_birth":"1990-02-03"}"#,
                                               headers: [.origin: "http://evil.example"])
            #expect(bearer.status == .created)

            let out = try await client.execute(uri: "/sign-out", method: .post, headers: [.cookie: cookie, .origin: "http://localhost"]) { $0 }
            #expect(out.status == .seeOther, "a same-origin form post is applied")
        }
    }

    @Test("a NUL or other control character anywhere is a 422 naming the field, and nothing is written")
    func controlCharacters() async throws {
        try await withAPI { db, _, client in
            let tenant = try await TestTenant.create("Controls", permissions: [.patientsRead, .patientsManage, .scheduleManage,
                                                                               .groupSessionRead, .billingRulesManage], database: db.database)
            let body = #"{"mrn":"C-1","given_name":"A\u0000na","family_name":"Diaz","date_of_birth":"1990-02-03"}"#
            let json = try await client.call(.post, "/api/v1/patients", as: tenant, json: body)
            #expect(json.status == .unprocessableContent)
            #expect(json.errorBody?.field == "given_name")
            let nested = try await client.call(.post, "/api/v1/schedule/import", as: tenant,
                                               json: #"[{"external_id":"E\u0001","group_name":"G"}]"#)
            #expect(nested.status == .unprocessableContent)
            #expect(nested.errorBody?.field == "[0].external_id")
            let upload = try await client.execute(uri: "/api/v1/schedule/import", method: .post,
                                                  headers: [.authorization: tenant.authorization, .contentType: "text/csv"],
                                                  body: ByteBuffer(string: "external_id,group_name\nA\u{0},B\n")) { $0 }
            #expect(upload.status == .unprocessableContent)
            #expect(upload.errorBody?.field == "body")
            #expect(upload.errorBody?.message.contains("Line 2") == true)

            let query = try await client.call(.get, "/api/v1/group-sessions?group_type=a%00b", as: tenant)
            #expect(query.status == .unprocessableContent)
            #expect(query.errorBody?.field == "group_type")
            let empty = try await client.call(.get, "/api/v1/group-sessions?group_type=", as: tenant)
            #expect(empty.status == .unprocessableContent, "an empty API parameter is given, not absent")
            #expect(empty.errorBody?.field == "group_type" && empty.errorBody?.code == "EMPTY_PARAMETER")
            let path = try await client.call(.get, "/api/v1/patients/a%00b", as: tenant)
            #expect(path.status == .unprocessableContent)
            #expect(path.errorBody?.field == "id")

            #expect(try await db.ownerScalars("SELECT count(*)::int FROM pm_patients", as: Int.self) == [0])
        }
    }

    @Test("a page form answers a control character with the form again (422) and the field's message, and saves nothing")
    func controlCharactersInPageForms() async throws {
        try await withAPI { db, _, client in
            let tenant = try await TestTenant.create("Form Controls", permissions: [.billingRulesManage], database: db.database)
            let cookie = try await Self.signIn(client, tenant)
            let form = try await client.execute(uri: "/billing-rules", method: .post, headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"],
                                                body: ByteBuffer(string: "display_name=Desert%00Bloom&conventions=93+%7C+telehealth_audio_only+%7C+Audio")) { $0 }
            #expect(form.status == .unprocessableContent)
            #expect(form.headers[.contentType]?.hasPrefix("text/html") == true, "a page's refusal is a page")
            let page = String(buffer: form.body)
            #expect(page.contains("The field display_name holds a control character"), "the message names the field")
            #expect(page.contains("action=\"/billing-rules\"") && !page.contains("Back to CareLedger"), "the billing-rules form, not the error page")
            #expect(page.contains("value=\"DesertBloom\""), "the typed value comes back without the control character")
            #expect(page.contains("93 | telehealth_audio_only | Audio"), "the other fields keep what was typed")
            #expect(try await db.ownerScalars("SELECT count(*)::int FROM pf_jurisdiction_profiles", as: Int.self) == [0], "nothing saved")

            let settings = try await client.execute(uri: "/billing-rules/module-settings", method: .post,
                                                    headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"],
                                                    body: ByteBuffer(string: "financial_clearance_threshold=12%01")) { $0 }
            #expect(settings.status == .unprocessableContent)
            #expect(String(buffer: settings.body).contains("The field financial_clearance_threshold holds a control character"))

            let signIn = try await client.execute(uri: "/sign-in", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                                  body: ByteBuffer(string: "email=a%00b%40example.com&password=x")) { $0 }
            #expect(signIn.status == .unprocessableContent)
            let signInPage = String(buffer: signIn.body)
            #expect(signInPage.contains("The field email holds a control character") && signInPage.contains("action=\"/sign-in\""))
            #expect(signInPage.contains("value=\"ab@example.com\""))
        }
    }

    @Test("a page refused after sign-in keeps the viewer's navigation; one refused before sign-in has none")
    func errorPageNavigation() async throws {
        try await withAPI { db, _, client in
            let tenant = try await TestTenant.create("Lost", permissions: [.groupSessionRead], database: db.database)
            let cookie = try await Self.signIn(client, tenant)
            let home = try await client.execute(uri: "/", method: .get, headers: [.cookie: cookie]) { String(buffer: $0.body) }
            let missing = try await client.execute(uri: "/group-sessions/\(UUID().uuidString.lowercased())", method: .get,
                                                   headers: [.cookie: cookie]) { $0 }
            #expect(missing.status == .notFound)
            let page = String(buffer: missing.body)
            let bar = try #require(home.range(of: #"<nav class="nav"[^>]*>.*?</nav>"#, options: .regularExpression).map { String(home[$0]) }?.replacingOccurrences(of: #" aria-current="page""#, with: ""))
            #expect(bar.contains("href=\"/group-sessions\""), "the home page's bar holds the viewer's sections")
            #expect(page.contains(bar), "the error page shows the same navigation as the viewer's other pages")
            #expect(page.contains("No group session with that id"), "and says what went wrong")

            let anonymous = try await client.execute(uri: "/no-such-page", method: .get) { $0 }
            #expect(anonymous.status == .notFound)
            #expect(!String(buffer: anonymous.body).contains("aria-label=\"Main\""), "nobody signed in: no navigation")
        }
    }

    @Test("refusals name the field in the API's words: no constraint names, no 'No id with that id'")
    func refusalWording() async throws {
        try await withAPI { db, _, client in
            let tenant = try await TestTenant.create("Words", permissions: [.patientsRead, .patientsManage], database: db.database)
            let unknown = try await client.call(.get, "/api/v1/patients/not-a-uuid", as: tenant)
            #expect(unknown.status == .notFound)
            #expect(unknown.errorBody?.field == "id")
            #expect(unknown.errorBody?.message.contains("No id with that id") == false)
            let long = String(repeating: "x", count: 400)
            let tooLong = try await client.call(.post, "/api/v1/patients", as: tenant,
                                                json: #"{"mrn":"W-1","given_name":"\#(long)","family_name":"Diaz","date_of_birth":"1990-02-03"}"#)
            #expect(tooLong.status == .unprocessableContent)
            #expect(tooLong.errorBody?.field == "given_name")
            #expect(tooLong.errorBody?.message.contains("_check") == false)
            #expect(tooLong.errorBody?.message.contains("pm_") == false)
        }
    }

    @Test("an unsupported method on a known API path is 405 with Allow; an unknown path stays 404")
    func methodNotAllowed() async throws {
        try await withAPI { db, _, client in
            let tenant = try await TestTenant.create("Methods", permissions: [.patientsRead, .reportsRead, .claimsManage], database: db.database)
            let delete = try await client.call(.delete, "/api/v1/patients", as: tenant)
            #expect(delete.status == .methodNotAllowed)
            #expect(delete.headers[.allow]?.contains("GET") == true)
            #expect(delete.headers[.allow]?.contains("POST") == true)
            #expect(try await client.call(.patch, "/api/v1/patients/\(UUID())", as: tenant).status == .methodNotAllowed)
            #expect(try await client.call(.get, "/api/v1/no-such-thing", as: tenant).status == .notFound)
            let literal = try await client.call(.get, "/api/v1/claims/export", as: tenant)
            #expect(literal.status == .methodNotAllowed, "a literal path is its own operation's, not /claims/:id's")
            #expect(literal.headers[.allow] == "POST")
            let empty = try await client.call(.get, "/api/v1/compliance/iop-php?week=", as: tenant)
            #expect(empty.status == .unprocessableContent, "an empty API parameter is given, and refused")
            #expect(empty.errorBody?.field == "week")
        }
    }

    @Test("eight concurrent first uses of one Idempotency-Key make one charge: one 201 and seven replays, never a 409")
    func concurrentIdempotentCaptures() async throws {
        try await withAPI { db, _, client in
            let practice = try await ChargeCaptureAPITests.practice(client, db: db)
            let body = ChargeCaptureAPITests.encounter(practice, minutes: 30)
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        try await client.call(.post, "/api/v1/charges", as: practice.tenant, json: body,
                                              headers: [HTTPField.Name("Idempotency-Key")!: "same-key"]).status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .created }.count == 1)
            #expect(statuses.filter { $0 == .ok }.count == 7)
            #expect(try await db.ownerScalars("SELECT count(*)::int FROM pm_charges", as: Int.self) == [1])
        }
    }

    @Test("wrong passwords are audited by user id and throttled with Retry-After; the right password waits out the short lockout")
    func signInThrottling() async throws {
        try await withAPI { db, _, client in
            let tenant = try await TestTenant.create("Throttle", permissions: [.patientsRead], database: db.database)
            func attempt(_ password: String, email: String? = nil) async throws -> TestResponse {
                try await client.execute(uri: "/sign-in", method: .post, headers: Self.formHeaders,
                                         body: WebPageTests.form(["email": email ?? tenant.email, "password": password])) { $0 }
            }
            for _ in 0..<5 { #expect(try await attempt("wrong").status == .unauthorized) }
            let throttled = try await attempt(tenant.password)
            #expect(throttled.status == .tooManyRequests, "even the right password waits while the account is throttled")
            let retry = try #require(throttled.headers[.retryAfter].flatMap { Int($0) })
            #expect((1...30).contains(retry))
            #expect(try await db.ownerScalars("""
                SELECT count(*)::int FROM pf_audit_log WHERE action = 'auth.sign_in_failed' AND entity_id = \(tenant.userID.uuidString)
                """, as: Int.self) == [5])
            #expect(try await db.ownerScalars("SELECT count(*)::int FROM pf_audit_log WHERE details::text LIKE '%@%' OR reason LIKE '%@%'",
                                              as: Int.self) == [0], "no typed email in the audit log")
            #expect(try await attempt("wrong", email: "nobody@nowhere.example").status == .unauthorized, "other accounts are not held up")
        }
    }

    @Test("behind a trusted proxy each client's forwarded address has its own budget; a forged earlier entry changes nothing")
    func signInThrottlingBehindProxy() async throws {
        try await withAPI(trustsProxy: true) { _, _, client in
            func attempt(from address: String) async throws -> TestResponse {
                var headers = Self.formHeaders
                // The client forges an entry of its own in front of what the proxy appended.
                headers[HTTPField.Name("X-Forwarded-For")!] = "198.51.100.\(Int.random(in: 1...99)), \(address)"
                return try await client.execute(uri: "/sign-in", method: .post, headers: headers,
                                                body: WebPageTests.form(["email": "nobody\(UUID().uuidString)@nowhere.example", "password": "wrong"])) { $0 }
            }
            for _ in 0..<20 {
                let refused = try await attempt(from: "203.0.113.7")
                #expect(refused.status == .unauthorized)
            }
            let held = try await attempt(from: "203.0.113.7")
            #expect(held.status == .tooManyRequests, "the twenty-first failure from one client is held")
            let other = try await attempt(from: "203.0.113.8")
            #expect(other.status == .unauthorized, "another client behind the same proxy is not")
        }
    }

    @Test("a token stops with its user's membership; tokens are listed without secrets and revoked (404 for another organization's)")
    func tokenLifecycle() async throws {
        try await withAPI(tokenCacheLifetime: .zero) { db, _, client in
            let admin = try await TestTenant.create("Tokens", permissions: [.usersManage, .patientsRead], database: db.database)
            let other = try await TestTenant.create("Other", permissions: [.usersManage], database: db.database)
            let minted = try #require(try await client.call(.post, "/api/v1/tokens", as: admin,
                                                            json: #"{"name":"integration","scopes":["pm.patients.read"]}"#).json as? [String: Any])
            let secret = try #require(minted["token"] as? String)
            let id = try #require(minted["id"] as? String)
            func read(_ token: String) async throws -> HTTPResponse.Status {
                try await client.execute(uri: "/api/v1/patients", method: .get, headers: [.authorization: "Bearer \(token)"]) { $0 }.status
            }
            #expect(try await read(secret) == .ok)

            let list = try await client.call(.get, "/api/v1/tokens", as: admin)
            #expect(list.status == .ok)
            #expect(list.text.contains(id))
            #expect(!list.text.contains(secret), "secrets are never listed")
            #expect(try await client.call(.post, "/api/v1/tokens/\(id)/revoke", as: other).status == .notFound)

            try await db.asOwner("UPDATE pf_memberships SET active = false WHERE user_id = \(admin.userID)")
            #expect(try await read(secret) == .unauthorized, "the deactivated user's token stops")
            #expect(try await read(admin.token) == .unauthorized)
            try await db.asOwner("UPDATE pf_memberships SET active = true WHERE user_id = \(admin.userID)")
            #expect(try await read(secret) == .ok)

            let revoked = try await client.call(.post, "/api/v1/tokens/\(id)/revoke", as: admin)
            #expect(revoked.status == .ok)
            #expect((revoked.json as? [String: Any])?["status"] as? String == "revoked")
            #expect(try await read(secret) == .unauthorized)
            #expect(try await client.call(.post, "/api/v1/tokens/\(id)/revoke", as: admin).status == .conflict)
            #expect(try await db.ownerScalars("SELECT count(*)::int FROM pf_audit_log WHERE action = 'api-token.revoked' AND entity_id = \(id)",
                                              as: Int.self) == [1])
        }
    }
}
