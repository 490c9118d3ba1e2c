import CareLedgerHTTP
import Foundation
import Hummingbird
import HummingbirdTesting
import Platform
import PlatformTesting
import Testing

/// The counselor's conversation through the API: preview, session, charity application, the
/// supervisor's approval and the statement's indicator, with the refusals on the way.
@Suite("Financial counseling through the API")
struct FinancialCounselingAPITests {
    @Test("counselor enters income, sees FPL % and tier, submits a charity application; the supervisor approves; the statement shows the indicator")
    func conversation() async throws {
        try await withAPI { db, _, client in
            let counselor = try await TestTenant.create("Counsel", permissions: [.patientsManage, .financialCounselingView, .financialCounselingManage,
                                                                                 .billingRulesManage], database: db.database)
            let supervisorToken = try await db.database.withTenant(counselor.organizationID) { tx in
                try await ApiTokens.create(organizationID: counselor.organizationID, name: "supervisor", scopes: [.financialCounselingView, .financialCounselingApproveCharity],
                                           userID: counselor.userID, lifetime: .seconds(3600), on: tx.connection, logger: tx.logger).secret
            }
            let supervisor: HTTPFields = [.authorization: "Bearer \(supervisorToken)", .contentType: "application/json"]
            let patient = try #require((try await client.call(.post, "/api/v1/patients", as: counselor, json: #"""
                {"mrn":"FC-1","given_name":"Ana","family_name":"Diaz <b>","date_of_birth":"1990-02-03"}
                """#).json as? [String: Any])?["id"] as? String)

            #expect(try await client.call(.get, "/api/v1/patients/\(patient)/financial-counseling/sessions", as: nil).status == .unauthorized)
            let schedule = try await client.call(.post, "/api/v1/sliding-fee-schedules", as: counselor, json: #"""
                {"effective_from":"2026-01-01","classes":[{"label":"A","min_fpl":0,"max_fpl":100,"nominal_fee_cents":2000},
                 {"label":"B","min_fpl":100.01,"max_fpl":150,"discount_percent":60},{"label":"C","min_fpl":150.01,"max_fpl":200,"discount_percent":20}]}
                """#)
            #expect(schedule.status == .created, "\(schedule.text)")
            let preview = try #require(try await client.call(.post, "/api/v1/financial-counseling/fpl-preview", as: counselor, json: #"""
                {"household_size":2,"income_sources":[{"kind":"wages","amount_cents":100000,"frequency":"biweekly"}],"date":"2026-03-02"}
                """#).json as? [String: Any])
            #expect(preview["fpl_percentage"] as? Double == 120.15) // 26,000 ÷ 21,640
            #expect((preview["tier"] as? [String: Any])?["label"] as? String == "B")

            let zero = try await client.call(.post, "/api/v1/patients/\(patient)/financial-counseling/sessions", as: counselor, json: #"""
                {"session_date":"2026-03-02","household_size":0,"income_sources":[]}
                """#)
            #expect(zero.status == .unprocessableContent && zero.errorBody?.field == "household_size")
            let hourly = try await client.call(.post, "/api/v1/patients/\(patient)/financial-counseling/sessions", as: counselor, json: #"""
                {"session_date":"2026-03-02","household_size":2,"income_sources":[{"kind":"wages","amount_cents":100,"frequency":"hourly"}]}
                """#)
            #expect(hourly.status == .unprocessableContent && hourly.errorBody?.field == "income_sources[0].frequency")
            let created = try await client.call(.post, "/api/v1/patients/\(patient)/financial-counseling/sessions", as: counselor, json: #"""
                {"session_date":"2026-03-02","household_size":2,"income_sources":[{"kind":"wages","amount_cents":100000,"frequency":"biweekly"}],
                 "income_verified_at":"2026-03-02T17:00:00Z","counselor_notes":"Pay stubs seen"}
                """#)
            #expect(created.status == .created, "\(created.text)")
            let session = try #require(created.json as? [String: Any])
            let sessionID = try #require(session["id"] as? String)
            #expect(session["fpl_percentage"] as? Double == 120.15 && session["version"] as? Int == 1)
            let stale = try await client.call(.put, "/api/v1/financial-counseling/sessions/\(sessionID)", as: counselor, json: #"""
                {"version":7,"session_date":"2026-03-02","household_size":3,"income_sources":[]}
                """#)
            #expect(stale.status == .conflict && stale.errorBody?.code == "STALE_VERSION")

            let application = try #require(try await client.call(.post, "/api/v1/financial-counseling/sessions/\(sessionID)/charity-care-applications",
                                                                 as: counselor).json as? [String: Any])
            let applicationID = try #require(application["id"] as? String)
            let byCounselor = try await client.call(.post, "/api/v1/charity-care-applications/\(applicationID)/approve", as: counselor, json: #"{"discount_percent":100}"#)
            #expect(byCounselor.status == .forbidden)
            let approved = try await client.execute(uri: "/api/v1/charity-care-applications/\(applicationID)/approve", method: .post, headers: supervisor,
                                                    body: ByteBuffer(string: #"{"discount_percent":100}"#)) { $0 }
            #expect(approved.status == .ok, "\(approved.text)")

            let charge = UUID()
            try await db.asOwner("""
                INSERT INTO pm_charges (organization_id, id, patient_id, service_date, service_type, minutes, facts, procedure_code, modifiers, units,
                                        unit_rate_cents, amount_cents, profile_source)
                VALUES (\(counselor.organizationID), \(charge), \(UUID(uuidString: patient)!), '2026-03-05', 'individual_counseling', 50, '{}'::jsonb, '90834',
                        '{}', 1, 15000, 15000, 'defaults')
                """)
            let statement = try #require(try await client.call(.get, "/api/v1/patients/\(patient)/statement?from=2026-03-01&to=2026-03-31",
                                                               as: counselor).json as? [String: Any])
            #expect(statement["charity_indicator"] as? Bool == true)
            #expect(statement["sliding_fee_adjustment_cents"] as? Int == 9_000)
            #expect(statement["charity_adjustment_cents"] as? Int == 6_000)
            #expect(statement["balance_cents"] as? Int == 0)
            let missing = try await client.call(.get, "/api/v1/patients/\(patient)/statement?from=2026-03-01", as: counselor)
            #expect(missing.status == .unprocessableContent && missing.errorBody?.field == "to")

            let inbox = try await client.call(.get, "/api/v1/notifications/unread-count", as: counselor)
            #expect((inbox.json as? [String: Any])?["unread"] as? Int == 0)
            #expect(try await client.call(.get, "/api/v1/notifications?unread=false", as: counselor).status == .ok)
            let notBoolean = try await client.call(.get, "/api/v1/notifications?unread=null", as: counselor)
            #expect(notBoolean.status == .unprocessableContent && notBoolean.errorBody?.field == "unread", "the document says unread is a boolean")

            // The pages (the tenant's staff member is an administrator): escaped, and showing the same figures.
            let cookie = try await BillingRulesPageTests.signIn(client, counselor)
            let financial = try await client.execute(uri: "/patients/\(patient)/financial?household_size=2&kind=wages&amount=1000.00&frequency=biweekly&date=2026-03-02",
                                                     method: .get, headers: [.cookie: cookie]) { $0 }
            #expect(financial.status == .ok)
            #expect(financial.text.contains("Diaz &lt;b&gt;") && !financial.text.contains("Diaz <b>"))
            #expect(financial.text.contains("FPL 120.15 % of the 2026 contiguous guideline"))
            #expect(financial.text.contains("class B, 60 % off"))
            let printed = try await client.execute(uri: "/patients/\(patient)/statement?from=2026-03-01&to=2026-03-31", method: .get, headers: [.cookie: cookie]) { $0 }
            #expect(printed.text.contains("Charity care applies: 100 %") && printed.text.contains("$0.00"))
            let worklist = try await client.execute(uri: "/financial-counseling/worklist", method: .get, headers: [.cookie: cookie]) { $0 }
            #expect(worklist.status == .ok)
        }
    }
}
