import CareLedgerHTTP
import Foundation
import Hummingbird
import HummingbirdTesting
import Platform
import PlatformTesting
import Testing

@Suite("Jurisdiction profiles through the API")
struct BillingRulesAPITests {
    static let california = #"""
    {"display_name":"Medi-Cal","state_code":"CA",
     "billing":{"min_billable_minutes":8,"timed_code_unit_minutes":15,
                "modifier_conventions":[{"code":"HQ","description":"Group","trigger":"group"},
                                        {"code":"93","description":"Audio-only telehealth","trigger":"telehealth_audio_only"}]},
     "clinical":{"iop_php_compliance":{"iop_min_hours_per_week":10}}}
    """#

    @Test("with no profile every value is an AHCCCS default, and says so")
    func defaultsWhenNoProfile() async throws {
        try await withAPI { db, _, client in
            let tenant = try await TestTenant.create("Plain", permissions: [.patientsRead], database: db.database)
            let rules = try #require(try await client.call(.get, "/api/v1/billing-rules", as: tenant).json as? [String: Any])
            #expect(rules["source"] as? String == "defaults")
            #expect(rules["program_label"] as? String == "AHCCCS")
            let billing = try #require(rules["billing"] as? [String: Any])
            #expect(billing["min_billable_minutes"] as? Int == 8)
            #expect(billing["timed_code_unit_minutes"] as? Int == 15)
            #expect(billing["uses_legacy_modifiers"] as? Bool == true)
            #expect((billing["modifier_conventions"] as? [[String: Any]])?.compactMap { $0["code"] as? String }
                    == ["HQ", "HR", "HS", "95", "FQ", "GQ", "H9", "CG", "U7", "UB"])
            #expect((rules["fallback_fields"] as? [String])?.count == FallbackField.allCases.count)
        }
    }

    @Test("a saved organization profile is in force at once; a site profile wins at its site only")
    func organizationThenSite() async throws {
        try await withAPI { db, _, client in
            let tenant = try await TestTenant.create("Coast", permissions: [.billingRulesManage], database: db.database)
            // Resolve once first so the cache holds the defaults: the save must invalidate it.
            _ = try await client.call(.get, "/api/v1/billing-rules", as: tenant)
            let saved = try await client.call(.put, "/api/v1/jurisdiction-profile", as: tenant, json: Self.california)
            #expect(saved.status == .ok)
            let rules = try #require(try await client.call(.get, "/api/v1/billing-rules", as: tenant).json as? [String: Any])
            #expect(rules["source"] as? String == "organization")
            #expect(rules["program_label"] as? String == "Medi-Cal")
            let codes = ((rules["billing"] as? [String: Any])?["modifier_conventions"] as? [[String: Any]])?.compactMap { $0["code"] as? String }
            #expect(codes == ["HQ", "93"])
            let iop = try #require(rules["iop_php_compliance"] as? [String: Any])
            #expect(iop["iop_min_hours_per_week"] as? Double == 10)
            #expect(iop["php_min_hours_per_week"] as? Double == 20, "omitted keys fall back one by one")
            #expect(rules["fallback_fields"] as? [String] == [
                "clinical.iop_php_compliance.iop_min_days_per_week", "clinical.iop_php_compliance.iop_min_hours_per_day",
                "clinical.iop_php_compliance.php_min_days_per_week", "clinical.iop_php_compliance.php_min_hours_per_day",
                "clinical.iop_php_compliance.php_min_hours_per_week"])

            let site = tenant.siteID.uuidString
            let texas = #"{"display_name":"Texas Medicaid","state_code":"TX","billing":{"min_billable_minutes":10,"timed_code_unit_minutes":15}}"#
            #expect(try await client.call(.put, "/api/v1/jurisdiction-profile?site_id=\(site)", as: tenant, json: texas).status == .ok)
            let atSite = try #require(try await client.call(.get, "/api/v1/billing-rules?site_id=\(site)", as: tenant).json as? [String: Any])
            #expect(atSite["source"] as? String == "site:\(site.lowercased())")
            #expect((atSite["billing"] as? [String: Any])?["min_billable_minutes"] as? Int == 10)
            let orgWide = try #require(try await client.call(.get, "/api/v1/billing-rules", as: tenant).json as? [String: Any])
            #expect(orgWide["program_label"] as? String == "Medi-Cal")
            let audit = try await db.ownerScalars("SELECT count(*)::int FROM pf_audit_log WHERE action = 'jurisdiction-profile.saved'", as: Int.self)
            #expect(audit == [2])
        }
    }

    @Test("an invalid profile answers 422 naming the field and leaves the stored profile as it was",
          arguments: [
              (#"{"billing":{"min_billable_minutes":0,"timed_code_unit_minutes":15}}"#, "billing.min_billable_minutes"),
              (#"{"billing":{"min_billable_minutes":-3}}"#, "billing.min_billable_minutes"),
              (#"{"billing":{"min_billable_minutes":20,"timed_code_unit_minutes":15}}"#, "billing.min_billable_minutes"),
              (#"{"billing":{"modifier_conventions":[{"code":"HQ","description":"Group","trigger":"group"},{"code":"9x3","description":"x","trigger":"u7"}]}}"#,
               "billing.modifier_conventions[1].code"),
              (#"{"billing":{"modifier_conventions":[{"code":"HQ","trigger":"group"}]}}"#, "billing.modifier_conventions[0].description"),
              (#"{"state_code":"Cal"}"#, "state_code"),
              (#"{"clinical":{"iop_php_compliance":{"php_min_days_per_week":8}}}"#, "clinical.iop_php_compliance.php_min_days_per_week"),
          ])
    func invalidProfiles(body: String, field: String) async throws {
        try await withAPI { db, _, client in
            let tenant = try await TestTenant.create("Strict", permissions: [.billingRulesManage], database: db.database)
            #expect(try await client.call(.put, "/api/v1/jurisdiction-profile", as: tenant, json: Self.california).status == .ok)
            let before = try await db.ownerScalars("SELECT billing_rules::text FROM pf_jurisdiction_profiles", as: String.self)
            let response = try await client.call(.put, "/api/v1/jurisdiction-profile", as: tenant, json: body)
            #expect(response.status == .unprocessableContent)
            #expect(response.errorBody?.field == field)
            #expect(try await db.ownerScalars("SELECT billing_rules::text FROM pf_jurisdiction_profiles", as: String.self) == before)
        }
    }

    @Test("saving a profile needs pm.billing-rules.manage; another tenant's site reads as missing")
    func permissionsAndTenancy() async throws {
        try await withAPI { db, _, client in
            let reader = try await TestTenant.create("Reader", permissions: [.patientsRead], database: db.database)
            let refused = try await client.call(.put, "/api/v1/jurisdiction-profile", as: reader, json: Self.california)
            #expect(refused.status == .forbidden)
            #expect(refused.errorBody?.message.contains("pm.billing-rules.manage") == true)
            let other = try await TestTenant.create("Other", permissions: [.billingRulesManage], database: db.database)
            let foreign = try await client.call(.put, "/api/v1/jurisdiction-profile?site_id=\(reader.siteID)", as: other, json: Self.california)
            #expect(foreign.status == .notFound)
            #expect(try await db.ownerScalars("SELECT count(*)::int FROM pf_jurisdiction_profiles", as: Int.self) == [0])
        }
    }

    @Test("a payer's claim filing indicator: Medicaid by default, set at creation or later, audited; a bad code or unknown payer changes nothing")
    func payerFilingIndicator() async throws {
        try await withAPI { db, _, client in
            let tenant = try await TestTenant.create("Filing", permissions: [.billingRulesManage], database: db.database)
            let medicaid = try #require(try await client.call(.post, "/api/v1/payers", as: tenant, json: #"{"name":"State plan","payer_code":"SP"}"#)
                .json as? [String: Any])
            #expect(medicaid["claim_filing_indicator"] as? String == "MC")
            let created = try await client.call(.post, "/api/v1/payers", as: tenant,
                                                json: #"{"name":"Blue plan","payer_code":"BP","claim_filing_indicator":"BL"}"#)
            #expect(created.status == .created && (created.json as? [String: Any])?["claim_filing_indicator"] as? String == "BL")
            let id = try #require(medicaid["id"] as? String)
            let changed = try await client.call(.put, "/api/v1/payers/\(id)/claim-filing-indicator", as: tenant, json: #"{"claim_filing_indicator":"HM"}"#)
            #expect(changed.status == .ok)
            let listed = try #require(try await client.call(.get, "/api/v1/payers", as: tenant).json as? [[String: Any]])
            #expect(listed.map { "\($0["name"] ?? "") \($0["claim_filing_indicator"] ?? "")" } == ["Blue plan BL", "State plan HM"])
            #expect(try await db.ownerScalars("""
                SELECT details::text FROM pf_audit_log WHERE action = 'payer.filing-indicator-set' AND entity_id = \(id)
                """, as: String.self) == [#"{"after": "HM", "before": "MC"}"#])

            let bad = try await client.call(.put, "/api/v1/payers/\(id)/claim-filing-indicator", as: tenant, json: #"{"claim_filing_indicator":"XX"}"#)
            #expect(bad.status == .unprocessableContent && bad.errorBody?.field == "claim_filing_indicator")
            let badCreate = try await client.call(.post, "/api/v1/payers", as: tenant, json: #"{"name":"Odd","payer_code":"OD","claim_filing_indicator":"mc"}"#)
            #expect(badCreate.status == .unprocessableContent && badCreate.errorBody?.field == "claim_filing_indicator")
            let unknown = try await client.call(.put, "/api/v1/payers/\(UUID())/claim-filing-indicator", as: tenant, json: #"{"claim_filing_indicator":"CI"}"#)
            #expect(unknown.status == .notFound)
            #expect(try await db.ownerScalars("SELECT string_agg(claim_filing_indicator, ',' ORDER BY name) FROM pm_payers", as: String.self) == ["BL,HM"])

            let reader = try await TestTenant.create("Filing reader", permissions: [.patientsRead], database: db.database)
            #expect(try await client.call(.put, "/api/v1/payers/\(id)/claim-filing-indicator", as: reader,
                                          json: #"{"claim_filing_indicator":"CI"}"#).status == .forbidden)
        }
    }

    @Test("bad mappings, fee entries and group rules are refused naming the field and change nothing",
          arguments: [
              ("/api/v1/service-code-mappings", #"{"service_type":"individual","procedure_code":"9085","effective_from":"2025-01-01"}"#, 422, "procedure_code"),
              ("/api/v1/service-code-mappings", #"{"service_type":"individual","procedure_code":"90853","effective_from":"2025-02-01","effective_to":"2025-01-01"}"#, 422, "effective_to"),
              ("/api/v1/service-code-mappings", #"{"service_type":" ","procedure_code":"90853","effective_from":"2025-01-01"}"#, 422, "service_type"),
              ("/api/v1/service-code-mappings", #"{"service_type":"individual","procedure_code":"90853","effective_from":"2025-13-01"}"#, 422, "effective_from"),
              ("/api/v1/fee-schedule-entries", #"{"procedure_code":"90853","unit_rate_cents":-1,"effective_from":"2025-01-01"}"#, 422, "unit_rate_cents"),
              ("/api/v1/fee-schedule-entries", #"{"procedure_code":"90853","unit_rate_cents":100,"effective_from":"2025-01-01","payer_id":"00000000-0000-0000-0000-000000000001"}"#, 404, nil),
              ("GROUP/az", #"{"bands":[]}"#, 422, "state"),
              ("GROUP/AZ", #"{"max_participants_per_supervisor":0,"bands":[]}"#, 422, "max_participants_per_supervisor"),
              ("GROUP/AZ", #"{"bands":[{"min_participants":2,"max_participants":5,"unit_rate_cents":1600},{"min_participants":6,"max_participants":4,"unit_rate_cents":1200}]}"#, 422, "bands[1].max_participants"),
          ] as [(String, String, Int, String?)])
    func badBillingConfiguration(path: String, body: String, status: Int, field: String?) async throws {
        try await withAPI { db, _, client in
            let tenant = try await TestTenant.create("Config", permissions: [.billingRulesManage], database: db.database)
            let payer = try #require((try await client.call(.post, "/api/v1/payers", as: tenant, json: #"{"name":"Plan","payer_code":"PLN"}"#)
                .json as? [String: Any])?["id"] as? String)
            #expect(try await client.call(.put, "/api/v1/payers/\(payer)/group-rules/AZ", as: tenant,
                                          json: #"{"max_participants_per_supervisor":6,"bands":[{"min_participants":2,"max_participants":5,"unit_rate_cents":1600}]}"#).status == .ok)
            let uri = path.hasPrefix("GROUP/") ? "/api/v1/payers/\(payer)/group-rules/\(path.dropFirst(6))" : path
            let response = try await client.call(path.hasPrefix("GROUP/") ? .put : .post, uri, as: tenant, json: body)
            #expect(response.status.code == status)
            #expect(response.errorBody?.field == field)
            #expect(try await db.ownerScalars("SELECT count(*)::int FROM pm_service_code_mappings", as: Int.self) == [0])
            #expect(try await db.ownerScalars("SELECT count(*)::int FROM pm_fee_schedule_entries", as: Int.self) == [0])
            // The rules saved before the refused request are still there, untouched.
            #expect(try await db.ownerScalars("SELECT max_participants_per_supervisor FROM pm_supervision_rules", as: Int.self) == [6])
            #expect(try await db.ownerScalars("SELECT count(*)::int FROM pm_group_size_bands", as: Int.self) == [1])
        }
    }
}
