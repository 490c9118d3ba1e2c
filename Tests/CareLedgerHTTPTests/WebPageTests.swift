import CareLedgerHTTP
import Foundation
import Hummingbird
import HummingbirdTesting
import HTTPTypes
import NIOCore
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

@Suite("Billing rules page")
struct BillingRulesPageTests {
    static func signIn(_ client: some TestClientProtocol, _ tenant: TestTenant) async throws -> String {
        let response = try await client.execute(uri: "/sign-in", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                                body: WebPageTests.form(["email": tenant.email, "password": tenant.password])) { $0 }
        return try #require(response.headers[.setCookie]?.split(separator: ";").first.map(String.init))
    }

    @Test("shows the effective rules with fallbacks marked; a bad edit answers 422 beside the field; a good one is in force at once")
    func viewAndEdit() async throws {
        try await withAPI { db, _, client in
            // TestTenant's staff member holds the administrator role, which may manage billing rules.
            let tenant = try await TestTenant.create("Coast", permissions: [.patientsRead], database: db.database)
            let cookie = try await Self.signIn(client, tenant)
            let page = try await client.execute(uri: "/billing-rules", method: .get, headers: [.cookie: cookie]) { $0 }
            #expect(page.status == .ok)
            #expect(page.text.contains("AHCCCS default"))
            #expect(page.text.contains("Save profile"))

            let formHeaders: HTTPFields = [.contentType: "application/x-www-form-urlencoded", .cookie: cookie]
            let bad = try await client.execute(uri: "/billing-rules", method: .post, headers: formHeaders, body: WebPageTests.form([
                "display_name": "Medi-Cal", "min_billable_minutes": "20", "timed_code_unit_minutes": "15", "conventions": "93 | telehealth_audio_only"])) { $0 }
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("three parts"))
            #expect(bad.text.contains("value=\"Medi-Cal\""), "what was typed is kept")
            #expect(try await db.ownerScalars("SELECT count(*)::int FROM pf_jurisdiction_profiles", as: Int.self) == [0])

            let good = try await client.execute(uri: "/billing-rules", method: .post, headers: formHeaders, body: WebPageTests.form([
                "display_name": "Medi-Cal", "state_code": "CA", "min_billable_minutes": "8", "timed_code_unit_minutes": "15",
                "conventions": "HQ | group | Group setting\n93 | telehealth_audio_only | Audio-only telehealth"])) { $0 }
            #expect(good.status == .seeOther)
            let after = try await client.execute(uri: "/billing-rules", method: .get, headers: [.cookie: cookie]) { $0 }
            #expect(after.text.contains("Medi-Cal"))
            #expect(after.text.contains("These conventions replace the Arizona modifier table."))
            #expect(after.text.contains("<code>93</code>"))
        }
    }

    @Test("someone without pm.billing-rules.manage sees the rules but no form, and cannot post one")
    func readOnly() async throws {
        try await withAPI { db, _, client in
            let tenant = try await TestTenant.create("Floor", permissions: [.patientsRead], roles: ["facilitator"], database: db.database)
            let cookie = try await Self.signIn(client, tenant)
            let page = try await client.execute(uri: "/billing-rules", method: .get, headers: [.cookie: cookie]) { $0 }
            #expect(page.status == .ok)
            #expect(!page.text.contains("Save profile"))
            let post = try await client.execute(uri: "/billing-rules", method: .post,
                                                headers: [.contentType: "application/x-www-form-urlencoded", .cookie: cookie],
                                                body: WebPageTests.form(["display_name": "X"])) { $0 }
            #expect(post.status == .forbidden)
        }
    }
}

@Suite("Group session pages")
struct GroupSessionPageTests {
    @Test("the list shows today's session with its summary; the detail offers only legal moves; marks work as plain forms")
    func listDetailAndPlainFormMarks() async throws {
        try await withAPI { db, _, client in
            let group = try await GroupFixture.make(client, db: db)
            let cookie = try await BillingRulesPageTests.signIn(client, group.tenant)
            let list = try await client.execute(uri: "/group-sessions", method: .get, headers: [.cookie: cookie]) { $0 }
            #expect(list.status == .ok)
            #expect(list.text.contains("6 scheduled"))
            #expect(list.text.contains("/group-sessions/\(group.sessionID.lowercased())"))
            #expect(list.text.contains("New ad-hoc session"), "the administrator may create sessions")

            let page = try await client.execute(uri: "/group-sessions/\(group.sessionID.lowercased())", method: .get, headers: [.cookie: cookie]) { $0 }
            #expect(page.status == .ok)
            #expect(page.text.contains("GROUP_UNATTENDED_BILLED"), "the code stays, small, for support")
            #expect(page.text.contains("Participants still scheduled"), "the warning is titled in words")
            #expect(page.text.contains("Process group"), "the group type by its display name, not process_group")
            #expect(page.text.contains("Born "), "each participant's birth date, to check identity by")
            #expect(page.text.contains("href=\"/claims\""), "the navigation bar offers the administrator the claims")
            #expect(page.text.components(separatedBy: "class=\"mark\"").count - 1 == 7 * 3, "six participants and one supervisor, three moves each")

            let row = try #require(try await group.rows(client).first)
            let rowID = (row["id"] as? String ?? "").lowercased()
            let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded", .cookie: cookie]
            let marked = try await client.execute(uri: "/group-sessions/\(group.sessionID.lowercased())/rows/\(rowID)", method: .post,
                                                  headers: form, body: ByteBuffer(string: "status=LATE&row_version=1")) { $0 }
            #expect(marked.status == .seeOther)
            let after = try await client.execute(uri: "/group-sessions/\(group.sessionID.lowercased())", method: .get, headers: [.cookie: cookie]) { $0 }
            #expect(after.text.contains("1 late, 5 scheduled"))
            let stale = try await client.execute(uri: "/group-sessions/\(group.sessionID.lowercased())/rows/\(rowID)", method: .post,
                                                 headers: form, body: ByteBuffer(string: "status=ABSENT&row_version=1")) { $0 }
            #expect(stale.status == .conflict)
            #expect(stale.text.contains("Someone else changed this row"))

            // Finalize is post/redirect/get: a refusal and a success are both shown at the top of the session page.
            let base = "/group-sessions/\(group.sessionID.lowercased())"
            let refused = try await client.execute(uri: "\(base)/finalize", method: .post, headers: form, body: ByteBuffer(string: "")) { $0 }
            #expect(refused.status == .seeOther)
            #expect(refused.headers[.location] == "\(base)?done=not-finalized&count=6#outcome", "five participants and the supervisor")
            let refusal = try await client.execute(uri: "\(base)?done=not-finalized&count=6", method: .get, headers: [.cookie: cookie]) { $0 }
            #expect(refusal.text.contains("Not finalized: 6 people are still scheduled"))
            #expect(refusal.text.contains("action=\"\(base)/mark-remaining-absent\""))

            let absent = try await client.execute(uri: "\(base)/mark-remaining-absent", method: .post, headers: form, body: ByteBuffer(string: "")) { $0 }
            #expect(absent.status == .seeOther)
            #expect(absent.headers[.location] == "\(base)?done=marked-absent&count=6")
            #expect(try await db.ownerScalars("SELECT count(*)::int FROM cl_group_attendance WHERE attendance_status = 'ABSENT'", as: Int.self) == [6])
            let finalized = try await client.execute(uri: "\(base)/finalize", method: .post, headers: form, body: ByteBuffer(string: "")) { $0 }
            #expect(finalized.headers[.location] == "\(base)?done=finalized")
            let closed = try await client.execute(uri: "\(base)?done=finalized", method: .get, headers: [.cookie: cookie]) { $0 }
            #expect(closed.text.contains("Session finalized"))
            #expect(!closed.text.contains("action=\"\(base)/finalize\""), "a finalized session offers no second finalize")
            #expect(closed.text.contains("Changing a mark now rebuilds its charges"))
        }
    }

    @Test("without clinical.attendance.write the roster shows no buttons and a posted mark is refused")
    func readOnlyRoster() async throws {
        try await withAPI { db, _, client in
            let group = try await GroupFixture.make(client, db: db)
            let billing = try await db.database.withTenant(group.tenant.organizationID) { tx in
                try await Organizations.addStaff(email: "billing@group.example", displayName: "Bea Biller", password: "correct horse battery",
                                                 roleKeys: ["billing"], defaultFacilityID: group.tenant.facility.id, in: tx)
            }
            _ = billing
            let response = try await client.execute(uri: "/sign-in", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                                    body: WebPageTests.form(["email": "billing@group.example", "password": "correct horse battery"])) { $0 }
            let cookie = try #require(response.headers[.setCookie]?.split(separator: ";").first.map(String.init))
            let page = try await client.execute(uri: "/group-sessions/\(group.sessionID.lowercased())", method: .get, headers: [.cookie: cookie]) { $0 }
            #expect(page.status == .ok)
            #expect(!page.text.contains("class=\"mark\""))
            let row = try #require(try await group.rows(client).first)
            let post = try await client.execute(uri: "/group-sessions/\(group.sessionID.lowercased())/rows/\((row["id"] as? String ?? "").lowercased())",
                                                method: .post, headers: [.contentType: "application/x-www-form-urlencoded", .cookie: cookie],
                                                body: ByteBuffer(string: "status=ATTENDED")) { $0 }
            #expect(post.status == .forbidden)
            #expect(try await db.ownerScalars("SELECT count(*)::int FROM cl_group_attendance WHERE attendance_status <> 'SCHEDULED'", as: Int.self) == [0])
        }
    }
}
