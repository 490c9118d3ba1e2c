@testable import CareLedgerHTTP
import Foundation
import Hummingbird
import HummingbirdTesting
import HTTPTypes
import NIOCore
import Platform
import PlatformTesting
import Testing

/// The financial page as plain forms: a counselor records income and files a charity
/// application; a supervisor approves or denies it on the page (422 beside the field, 409 at the
/// top, nothing changed); the page and the worklist show referrals and cost estimates; the page
/// header counts unread notifications and the inbox marks them read.
@Suite("Financial counseling pages")
struct FinancialCounselingPageTests {
    struct Setup: Sendable {
        let supervisor: TestTenant
        let supervisorCookie: String
        let counselorCookie: String
        let counselorID: UUID
        let patient: String
    }

    /// A tenant whose staff member is an administrator (holds `approve_charity`), a second staff
    /// member with only the financial-counselor role, a patient and a sliding-fee schedule.
    static func setUp(_ db: TestDatabase, _ client: some TestClientProtocol) async throws -> Setup {
        let supervisor = try await TestTenant.create("Mesa", permissions: [.patientsManage, .financialCounselingView, .financialCounselingManage,
                                                                           .billingRulesManage], database: db.database)
        let counselorEmail = "counselor-\(UUID().uuidString.prefix(8).lowercased())@mesa.example"
        let counselorID = try await db.database.withTenant(supervisor.organizationID) { tx in
            try await Organizations.addStaff(email: counselorEmail, displayName: "Counselor", password: "correct horse battery",
                                             roleKeys: ["financial-counselor"], defaultFacilityID: supervisor.facility.id, in: tx).userID
        }
        let schedule = try await client.call(.post, "/api/v1/sliding-fee-schedules", as: supervisor, json: #"""
            {"effective_from":"2026-01-01","classes":[{"label":"A","min_fpl":0,"max_fpl":100,"nominal_fee_cents":2000},
             {"label":"B","min_fpl":100.01,"max_fpl":150,"discount_percent":60},{"label":"C","min_fpl":150.01,"max_fpl":200,"discount_percent":20}]}
            """#)
        #expect(schedule.status == .created, "\(schedule.text)")
        let patient = try #require((try await client.call(.post, "/api/v1/patients", as: supervisor, json: #"""
            {"mrn":"FP-1","given_name":"Rosa","family_name":"Luna","date_of_birth":"1985-04-05"}
            """#).json as? [String: Any])?["id"] as? String)
        let signedIn = try await client.execute(uri: "/sign-in", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                                body: WebPageTests.form(["email": counselorEmail, "password": "correct horse battery"])) { $0 }
        let counselorCookie = try #require(signedIn.headers[.setCookie]?.split(separator: ";").first.map(String.init))
        return Setup(supervisor: supervisor, supervisorCookie: try await BillingRulesPageTests.signIn(client, supervisor),
                     counselorCookie: counselorCookie, counselorID: counselorID, patient: patient.lowercased())
    }

    static func post(_ client: some TestClientProtocol, _ path: String, cookie: String, _ fields: [String: String]) async throws -> TestResponse {
        try await client.execute(uri: path, method: .post, headers: [.contentType: "application/x-www-form-urlencoded", .cookie: cookie],
                                 body: WebPageTests.form(fields)) { $0 }
    }

    static func get(_ client: some TestClientProtocol, _ path: String, cookie: String) async throws -> TestResponse {
        try await client.execute(uri: path, method: .get, headers: [.cookie: cookie]) { $0 }
    }

    @Test("the counselor records income and files a charity application by form; refusals keep what was typed and name the field")
    func counselorForms() async throws {
        try await withAPI { db, _, client in
            let s = try await Self.setUp(db, client)
            let page = "/patients/\(s.patient)/financial"
            let empty = try await Self.get(client, page, cookie: s.counselorCookie)
            #expect(empty.status == .ok)
            #expect(empty.text.contains("Record session") && empty.text.contains("id=\"preview\""))
            #expect(!empty.text.contains("Approve charity care"), "no decisions without approve_charity")

            let zero = try await Self.post(client, page + "/sessions", cookie: s.counselorCookie,
                                           ["date": "2026-03-02", "household_size": "0", "kind": "wages", "amount": "1000.00", "frequency": "biweekly"])
            #expect(zero.status == .unprocessableContent)
            #expect(zero.text.contains("id=\"error-household_size\"") && zero.text.contains("Session not recorded"))
            #expect(zero.text.contains("value=\"1000.00\""), "what was typed is kept")
            let words = try await Self.post(client, page + "/sessions", cookie: s.counselorCookie,
                                            ["date": "2026-03-02", "household_size": "2", "kind": "wages", "amount": "a lot", "frequency": "biweekly"])
            #expect(words.status == .unprocessableContent && words.text.contains("id=\"error-amount\""))
            let early = try await Self.post(client, page + "/sessions", cookie: s.counselorCookie,
                                            ["date": "2019-03-02", "household_size": "2", "kind": "wages", "amount": "1000", "frequency": "biweekly"])
            #expect(early.status == .unprocessableContent && early.text.contains("id=\"error-date\""), "no HHS table in effect is refused by name")
            #expect(try await db.ownerScalars("SELECT count(*)::int FROM pm_financial_counseling_sessions", as: Int.self) == [0])

            let recorded = try await Self.post(client, page + "/sessions", cookie: s.counselorCookie,
                                               ["date": "2026-03-02", "household_size": "2", "kind": "wages", "amount": "1,000.00",
                                                "frequency": "biweekly", "income_verified": "yes"])
            #expect(recorded.status == .seeOther)
            #expect(recorded.headers[.location] == page + "?done=session-recorded#sessions")
            let after = try await Self.get(client, page + "?done=session-recorded", cookie: s.counselorCookie)
            #expect(after.text.contains("Counseling session recorded"))
            #expect(after.text.contains("FPL 120.15 % (verified income): class B, 60 % off."), "26,000 ÷ 21,640 on the 2026 table")
            #expect(after.text.contains("$26,000.00"))

            let session = try #require(try await db.ownerScalars("SELECT id FROM pm_financial_counseling_sessions", as: UUID.self).first)
            let filed = try await Self.post(client, "/financial-counseling/sessions/\(session.uuidString.lowercased())/charity-application",
                                            cookie: s.counselorCookie, [:])
            #expect(filed.status == .seeOther && filed.headers[.location] == page + "?done=application-filed#charity")
            let application = try #require(try await db.ownerScalars("SELECT id FROM pm_charity_care_applications", as: UUID.self).first)
            let refused = try await Self.post(client, "/charity-care-applications/\(application.uuidString.lowercased())/approve",
                                              cookie: s.counselorCookie, ["discount_percent": "100"])
            #expect(refused.status == .forbidden, "a counselor cannot approve her own application")
            #expect(try await db.ownerScalars("SELECT status FROM pm_charity_care_applications", as: String.self) == ["submitted"])
        }
    }

    @Test("the supervisor approves or denies on the page: 422 beside the field, 409 for a decided application, the statement shows the indicator")
    func supervisorDecisions() async throws {
        try await withAPI { db, _, client in
            let s = try await Self.setUp(db, client)
            let page = "/patients/\(s.patient)/financial"
            let session = try #require((try await client.call(.post, "/api/v1/patients/\(s.patient)/financial-counseling/sessions", as: s.supervisor, json: #"""
                {"session_date":"2026-03-02","household_size":2,"income_sources":[{"kind":"wages","amount_cents":100000,"frequency":"biweekly"}]}
                """#).json as? [String: Any])?["id"] as? String)
            var applications: [String] = []
            for _ in 0..<2 {
                applications.append(try #require((try await client.call(.post, "/api/v1/financial-counseling/sessions/\(session)/charity-care-applications",
                                                                        as: s.supervisor).json as? [String: Any])?["id"] as? String).lowercased())
            }
            let shown = try await Self.get(client, page, cookie: s.supervisorCookie)
            #expect(shown.text.components(separatedBy: "Approve charity care").count - 1 == 2, "each submitted application has the approve form")

            let tooMuch = try await Self.post(client, "/charity-care-applications/\(applications[0])/approve", cookie: s.supervisorCookie,
                                              ["discount_percent": "150", "expiration_date": ""])
            #expect(tooMuch.status == .unprocessableContent)
            #expect(tooMuch.text.contains("id=\"decision-error\"") && tooMuch.text.contains("1 to 100 percent") && tooMuch.text.contains("value=\"150\""))
            let badDate = try await Self.post(client, "/charity-care-applications/\(applications[0])/approve", cookie: s.supervisorCookie,
                                              ["discount_percent": "100", "expiration_date": "next year"])
            #expect(badDate.status == .unprocessableContent && badDate.text.contains("Use a date"))
            #expect(try await db.ownerScalars("SELECT count(*)::int FROM pm_charity_care_applications WHERE status = 'submitted'", as: Int.self) == [2])

            let approved = try await Self.post(client, "/charity-care-applications/\(applications[0])/approve", cookie: s.supervisorCookie,
                                               ["discount_percent": "100", "expiration_date": ""])
            #expect(approved.status == .seeOther && approved.headers[.location] == page + "?done=approved#charity")
            let again = try await Self.post(client, "/charity-care-applications/\(applications[0])/deny", cookie: s.supervisorCookie,
                                            ["denial_reason": "Changed my mind"])
            #expect(again.status == .conflict)
            #expect(again.text.contains("Not denied") && again.text.contains("A approved application cannot become denied."))
            #expect(try await db.ownerScalars("""
                SELECT count(*)::int FROM pm_charity_care_applications WHERE status = 'approved' AND denial_reason IS NULL AND denied_at IS NULL
                """, as: Int.self) == [1], "the refused denial changed nothing")

            let noReason = try await Self.post(client, "/charity-care-applications/\(applications[1])/deny", cookie: s.supervisorCookie, ["denial_reason": " "])
            #expect(noReason.status == .unprocessableContent && noReason.text.contains("needs a reason"))
            let denied = try await Self.post(client, "/charity-care-applications/\(applications[1])/deny", cookie: s.supervisorCookie,
                                             ["denial_reason": "Income above the charity limit"])
            #expect(denied.status == .seeOther)
            let audit = try await db.ownerScalars("""
                SELECT action FROM pf_audit_log WHERE action LIKE 'charity-care.%' ORDER BY occurred_at, action
                """, as: String.self)
            #expect(audit.filter { $0 == "charity-care.approved" }.count == 1 && audit.filter { $0 == "charity-care.denied" }.count == 1)

            let decided = try await Self.get(client, page + "?done=approved", cookie: s.supervisorCookie)
            #expect(decided.text.contains("Charity care approved"))
            #expect(decided.text.contains("Charity care: 100 % until"))
            #expect(!decided.text.contains("Approve charity care"), "no decision forms once both are decided")
            let statement = try await Self.get(client, "/patients/\(s.patient)/statement", cookie: s.supervisorCookie)
            #expect(statement.text.contains("Charity care applies: 100 %"))
        }
    }

    @Test("assistance referrals and cost estimates show on the patient's page and the counselor's worklist")
    func referralsAndEstimates() async throws {
        try await withAPI { db, _, client in
            let s = try await Self.setUp(db, client)
            let referral = try await client.call(.post, "/api/v1/patients/\(s.patient)/assistance-referrals", as: s.supervisor, json: #"{"program":"ahcccs_medicaid"}"#)
            #expect(referral.status == .created, "\(referral.text)")
            let small = try await client.call(.post, "/api/v1/cost-estimates", as: s.supervisor, json: """
                {"patient_id":"\(s.patient)","service_type":"Intensive outpatient program","patient_estimated_responsibility":240000}
                """)
            let estimate = try #require((small.json as? [String: Any])?["id"] as? String)
            // What the estimate consumer opens above the threshold (tested with the consumer in PracticeManagementTests).
            try await db.asOwner("""
                INSERT INTO pm_financial_counseling_referrals (organization_id, id, patient_id, source, estimate_id, threshold_source, threshold_cents)
                VALUES (\(s.supervisor.organizationID), \(UUID()), \(UUID(uuidString: s.patient)!), 'cost_estimate', \(UUID(uuidString: estimate)!), 'default', 100000)
                """)
            let page = try await Self.get(client, "/patients/\(s.patient)/financial", cookie: s.counselorCookie)
            #expect(page.text.contains("AHCCCS / Medicaid") && page.text.contains("Identified"))
            #expect(page.text.contains("Intensive outpatient program") && page.text.contains("$2,400.00"))
            #expect(page.text.contains("Open above $1,000.00 (default)"))

            let worklist = try await Self.get(client, "/financial-counseling/worklist", cookie: s.counselorCookie)
            #expect(worklist.status == .ok)
            #expect(worklist.text.components(separatedBy: "Luna, Rosa").count - 1 == 2, "the patient is listed for the estimate and the referral")
            #expect(worklist.text.contains("Intensive outpatient program") && worklist.text.contains("AHCCCS / Medicaid"))
        }
    }

    @Test("the page header counts unread notifications; the inbox lists them and marks one read; another user's is 404")
    func inbox() async throws {
        try await withAPI { db, _, client in
            let s = try await Self.setUp(db, client)
            let ids = try await db.database.withTenant(s.supervisor.organizationID) { tx in
                _ = try await Notifications.notify(userIDs: [s.supervisor.userID], kind: "charity_expiring", reasonKey: "r1",
                                                   title: "Charity approval expires 2027-01-01", link: "/patients/\(s.patient)/financial", in: tx)
                _ = try await Notifications.notify(userIDs: [s.supervisor.userID, s.counselorID], kind: "annual_review", reasonKey: "r2",
                                                   title: "Annual income review due", link: nil, in: tx)
                return try await Notifications.inbox(userID: s.supervisor.userID, in: tx).map(\.id) + Notifications.inbox(userID: s.counselorID, in: tx).map(\.id)
            }
            let home = try await Self.get(client, "/", cookie: s.supervisorCookie)
            #expect(home.text.contains("<span class=\"badge unread\" id=\"unread-count\">2</span>"))
            #expect(home.text.contains("Notifications, 2 unread"))
            let inbox = try await Self.get(client, "/notifications", cookie: s.supervisorCookie)
            #expect(inbox.text.contains("Charity approval expires 2027-01-01") && inbox.text.contains("Annual income review due"))
            #expect(inbox.text.components(separatedBy: "Mark read</button>").count - 1 == 2)

            let read = try await Self.post(client, "/notifications/\(ids[0].uuidString.lowercased())/read", cookie: s.supervisorCookie, [:])
            #expect(read.status == .seeOther && read.headers[.location] == "/notifications?done=read")
            let after = try await Self.get(client, "/notifications?done=read", cookie: s.supervisorCookie)
            #expect(after.text.contains("Marked read") && after.text.contains("id=\"unread-count\">1<"))
            #expect(after.text.components(separatedBy: "Mark read</button>").count - 1 == 1)
            let theirs = try await Self.post(client, "/notifications/\(ids[2].uuidString.lowercased())/read", cookie: s.supervisorCookie, [:])
            #expect(theirs.status == .notFound)
            let counselorPage = try await Self.get(client, "/", cookie: s.counselorCookie)
            #expect(counselorPage.text.contains("id=\"unread-count\">1<"), "the counselor's own notification is still unread")
            #expect(try await db.ownerScalars("SELECT count(*)::int FROM pf_audit_log WHERE action = 'notification.read'", as: Int.self) == [1])
        }
    }

    @Test("income form fields named by the core map to the form's fields", arguments: [
        ("session_date", "date"), ("household_size", "household_size"), ("income_sources[0].amount_cents", "amount"),
        ("income_sources[0].frequency", "frequency"), ("income_sources[0].kind", "kind"), ("income_sources", "amount"), ("date", "date"),
    ])
    func incomeFields(core: String, form: String) {
        #expect(IncomeForm.formField(core) == form)
    }

    static let approvalForms: [([String: String], String?, String?, String?)] = [
        (["discount_percent": "", "expiration_date": ""], "100", nil, nil),
        (["discount_percent": "40", "expiration_date": "2027-06-30"], "40", "2027-06-30", nil),
        (["discount_percent": "forty"], nil, nil, "discount_percent"),
        (["discount_percent": "100", "expiration_date": "30/06/2027"], nil, nil, "expiration_date"),
    ]

    @Test("an approval form reads a percent (default 100) and an optional date; anything else is refused by field", arguments: approvalForms)
    func approvalForm(fields: [String: String], percent: String?, date: String?, refusedField: String?) {
        do {
            let (parsedPercent, parsedDate) = try CharityDecisionForms.approval(fields)
            #expect(refusedField == nil)
            #expect(String(parsedPercent) == percent && parsedDate?.description == date)
        } catch let error as DomainError {
            #expect(error.field == refusedField)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
