import CareLedgerHTTP
import Foundation
import Hummingbird
import HummingbirdTesting
import HTTPTypes
import Platform
import PlatformTesting
import Testing

@Suite("Sign-in and home pages")
struct WebPageTests {
    static func form(_ fields: [String: String]) -> ByteBuffer {
        ByteBuffer(string: fields.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }
            .joined(separator: "&"))
    }

    @Test("signing in sets a secure HTTP-only cookie, the home page shows organization and facility, and signing out ends the session")
    func signInFlow() async throws {
        try await withAPI { db, _, client in
            let tenant = try await TestTenant.create("Desert Bloom", permissions: [.patientsRead], database: db.database)
            let anonymous = try await client.execute(uri: "/", method: .get) { $0 }
            #expect(anonymous.status == .seeOther)
            #expect(anonymous.headers[.location] == "/sign-in")

            let page = try await client.execute(uri: "/sign-in", method: .get) { $0 }
            #expect(page.status == .ok)
            #expect(page.text.contains("<form"))
            #expect(page.text.contains("name=\"viewport\""))

            let formHeaders: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
            let wrong = try await client.execute(uri: "/sign-in", method: .post, headers: formHeaders,
                                                 body: Self.form(["email": tenant.email, "password": "wrong password"])) { $0 }
            #expect(wrong.status == .unauthorized)
            #expect(wrong.headers[.setCookie] == nil)

            let signedIn = try await client.execute(uri: "/sign-in", method: .post, headers: formHeaders,
                                                    body: Self.form(["email": tenant.email, "password": tenant.password])) { $0 }
            #expect(signedIn.status == .seeOther)
            let cookie = try #require(signedIn.headers[.setCookie])
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("Secure"))
            #expect(cookie.contains("SameSite=Lax"))
            let session = try #require(cookie.split(separator: ";").first.map(String.init))

            let home = try await client.execute(uri: "/", method: .get, headers: [.cookie: session]) { $0 }
            #expect(home.status == .ok)
            #expect(home.text.contains("Desert Bloom"))
            #expect(home.text.contains(tenant.facility.name))

            let out = try await client.execute(uri: "/sign-out", method: .post, headers: [.cookie: session]) { $0 }
            #expect(out.status == .seeOther)
            let after = try await client.execute(uri: "/", method: .get, headers: [.cookie: session]) { $0 }
            #expect(after.status == .seeOther, "the old cookie no longer signs anyone in")
        }
    }
}
