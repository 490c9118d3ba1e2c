import CareLedgerHTTP
import Foundation
import Hummingbird
import HummingbirdTesting
import Platform
import PlatformTesting
import Testing

/// Issue 16: a payer's group rules can be read back in every state, and the module settings can be
/// read and changed (audited, permission-checked, 422 naming the field, nothing changed on refusal).
@Suite("Payer group rules and module settings through the API")
struct BillingSettingsAPITests {
    @Test("GET group-rules lists every state the payer has rules for, as the PUT saved them")
    func groupRulesRead() async throws {
        try await withAPI { db, _, client in
            // setup
            let admin = try await TestTenant.create("Rules", permissions: [.billingRulesManage], database: db.database)
            let payer = try #require(try await client.call(.post, "/api/v1/payers", as: admin, json: #"{"name":"Mercy Plan","payer_code":"MP1"}"#)
                .json as? [String: Any])["id"] as? String
            let payerID = try #require(payer)
            #expect(try await client.call(.put, "/api/v1/payers/\(payerID)/group-rules/TX", as: admin,
                                          json: #"{"bands":[{"min_participants":3,"max_participants":6,"unit_rate_cents":900}]}"#).status == .ok)
            #expect(try await client.call(.put, "/api/v1/payers/\(payerID)/group-rules/AZ", as: admin, json: #"""
                {"max_participants_per_supervisor":6,"bands":[{"min_participants":7,"max_participants":10,"unit_rate_cents":1100},
                                                             {"min_participants":2,"max_participants":5,"unit_rate_cents":1325}]}
                """#).status == .ok)
            // MUT: a reader without any billing permission may see what the preview applies.
            let reader = try await TestTenant.create("Reader", permissions: [.groupSessionRead], database: db.database)
            let read = try await client.call(.get, "/api/v1/payers/\(payerID)/group-rules", as: admin)
            // validate
            #expect(read.status == .ok)
            let body = try #require(read.json as? [String: Any])
            #expect(body["payer_name"] as? String == "Mercy Plan")
            let states = try #require(body["states"] as? [[String: Any]])
            #expect(states.compactMap { $0["state_code"] as? String } == ["AZ", "TX"])
            #expect(states[0]["max_participants_per_supervisor"] as? Int == 6)
            #expect(states[1]["max_participants_per_supervisor"] is NSNull, "no supervision rule in TX reads as null")
            let azBands = try #require(states[0]["bands"] as? [[String: Any]])
            #expect(azBands.compactMap { $0["min_participants"] as? Int } == [2, 7], "bands in order of size")
            #expect(azBands.compactMap { $0["unit_rate_cents"] as? Int } == [1325, 1100])
            let huge = try await client.call(.put, "/api/v1/payers/\(payerID)/group-rules/AZ", as: admin,
                                             json: #"{"bands":[{"min_participants":2,"max_participants":5,"unit_rate_cents":9223372036854775807}]}"#)
            #expect(huge.status == .unprocessableContent && huge.errorBody?.field == "bands[0].unit_rate_cents",
                    "a rate is bounded like a fee-schedule rate, so units × rate cannot overflow a charge")
            // Another tenant's payer is unknown to it.
            #expect(try await client.call(.get, "/api/v1/payers/\(payerID)/group-rules", as: reader).status == .notFound)
            #expect(try await client.call(.get, "/api/v1/payers/\(payerID)/group-rules", as: nil).status == .unauthorized)
        }
    }

    @Test("module settings: defaults, a partial update keeps the other keys, audited with before and after")
    func moduleSettingsUpdate() async throws {
        try await withAPI { db, _, client in
            let admin = try await TestTenant.create("Settings", permissions: [.billingRulesManage], database: db.database)
            let initial = try #require(try await client.call(.get, "/api/v1/module-settings", as: admin).json as? [String: Any])
            #expect(initial["auto_apply_u7"] as? Bool == false)
            #expect(initial["auto_apply_ub"] as? Bool == false)
            #expect(initial["financial_clearance_threshold"] is NSNull)

            let first = try await client.call(.put, "/api/v1/module-settings", as: admin, json: #"{"auto_apply_u7":true,"financial_clearance_threshold":75000}"#)
            #expect(first.status == .ok)
            let second = try await client.call(.put, "/api/v1/module-settings", as: admin, json: #"{"auto_apply_ub":true}"#)
            let settings = try #require(second.json as? [String: Any])
            #expect(settings["auto_apply_u7"] as? Bool == true, "a key left out keeps its value")
            #expect(settings["auto_apply_ub"] as? Bool == true)
            #expect(settings["financial_clearance_threshold"] as? Int == 75000)
            let cleared = try #require(try await client.call(.put, "/api/v1/module-settings", as: admin,
                                                             json: #"{"financial_clearance_threshold":null}"#).json as? [String: Any])
            #expect(cleared["financial_clearance_threshold"] is NSNull, "null unsets the threshold")

            let audit = try await db.ownerScalars("""
                SELECT details::text FROM pf_audit_log WHERE organization_id = \(admin.organizationID) AND action = 'pm-module-settings.updated'
                ORDER BY occurred_at, id
                """, as: String.self)
            #expect(audit.count == 3)
            #expect(audit.first?.contains(#""auto_apply_u7.after": "true""#) == true)
            #expect(audit.first?.contains(#""auto_apply_u7.before": "false""#) == true)
            #expect(audit.first?.contains("auto_apply_ub") == false, "only the keys that changed")
            #expect(audit.first?.contains("financial_clearance_threshold.after") == true)
        }
    }

    @Test("bad module settings answer 422 naming the key and change nothing; without the permission 403", arguments: [
        (#"{"financial_clearance_threshold":-1}"#, "financial_clearance_threshold"),
        (#"{"auto_apply_u7":"yes"}"#, "auto_apply_u7"),
        (#"{"auto_apply_u7":true,"financial_clearance_treshold":5}"#, "financial_clearance_treshold"),
    ])
    func moduleSettingsRefusals(body: String, field: String) async throws {
        try await withAPI { db, _, client in
            let admin = try await TestTenant.create("Refuse", permissions: [.billingRulesManage], database: db.database)
            let refused = try await client.call(.put, "/api/v1/module-settings", as: admin, json: body)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.errorBody?.field == field)
            let after = try #require(try await client.call(.get, "/api/v1/module-settings", as: admin).json as? [String: Any])
            #expect(after["auto_apply_u7"] as? Bool == false, "nothing changed")
            #expect(try await db.ownerScalars("SELECT count(*) FROM pf_audit_log WHERE action = 'pm-module-settings.updated'", as: Int.self) == [0])

            let reader = try await TestTenant.create("NoManage", permissions: [.patientsRead], database: db.database)
            #expect(try await client.call(.put, "/api/v1/module-settings", as: reader, json: #"{"auto_apply_u7":true}"#).status == .forbidden)
        }
    }

    @Test("the jurisdiction profile takes financial_clearance_threshold, refusing a negative one by name")
    func profileThreshold() async throws {
        try await withAPI { db, _, client in
            let admin = try await TestTenant.create("Profile", permissions: [.billingRulesManage], database: db.database)
            let refused = try await client.call(.put, "/api/v1/jurisdiction-profile", as: admin, json: #"{"financial_clearance_threshold":-5}"#)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.errorBody?.field == "financial_clearance_threshold")
            #expect(try await client.call(.put, "/api/v1/jurisdiction-profile", as: admin, json: #"{"financial_clearance_threshold":50000}"#).status == .ok)
            let rules = try #require(try await client.call(.get, "/api/v1/billing-rules", as: admin).json as? [String: Any])
            #expect(rules["financial_clearance_threshold"] as? Int == 50000)
        }
    }

    @Test("two partial updates at once, even the organization's first, both land")
    func concurrentPartialUpdates() async throws {
        try await withAPI { db, _, client in
            let admin = try await TestTenant.create("Race", permissions: [.billingRulesManage], database: db.database)
            async let u7 = client.call(.put, "/api/v1/module-settings", as: admin, json: #"{"auto_apply_u7":true}"#)
            async let ub = client.call(.put, "/api/v1/module-settings", as: admin, json: #"{"auto_apply_ub":true}"#)
            #expect(try await [u7.status, ub.status] == [.ok, .ok])
            let after = try #require(try await client.call(.get, "/api/v1/module-settings", as: admin).json as? [String: Any])
            #expect(after["auto_apply_u7"] as? Bool == true)
            #expect(after["auto_apply_ub"] as? Bool == true)
        }
    }
}
