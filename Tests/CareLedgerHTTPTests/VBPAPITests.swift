import CareLedgerHTTP
import Foundation
import Hummingbird
import HummingbirdTesting
import HTTPTypes
import Platform
import PlatformTesting
import Testing

/// VBP contracts, the quality-measure results route and the finance page through the real router.
@Suite("Value-based purchasing API")
struct VBPAPITests {
    static func payer(_ client: some TestClientProtocol, _ tenant: TestTenant, code: String = "AZMCD") async throws -> String {
        let response = try await client.call(.post, "/api/v1/payers", as: tenant, json: #"{"name": "AHCCCS Complete Care", "payer_code": "\#(code)"}"#)
        #expect(response.status == .created)
        return try #require((response.json as? [String: Any])?["id"] as? String)
    }

    static func contractJSON(payer: String, measure: String = "HEDIS_FUH_30", start: String = "2026-01-01", end: String = "2026-12-31",
                             tiers: String = #"[{"minimum_rate_percent": 60, "earned_percent": 50}, {"minimum_rate_percent": 75, "earned_percent": 100}]"#,
                             incentive: String = #"{"kind": "fixed_amount", "amount_cents": 1000000}"#, withhold: Int = 500_000,
                             extra: String = "") -> String {
        """
        {"payer_id": "\(payer)", "name": "FUH 30-day incentive", "measure_id": "\(measure)", "performance_period_start": "\(start)",
         "performance_period_end": "\(end)", "tiers": \(tiers), "incentive": \(incentive), "withhold_cents": \(withhold),
         "base_revenue_cents": 20000000\(extra)}
        """
    }

    @Test("a contract is created, listed, updated with its version (409 when stale) and audited without free text")
    func contractLifecycle() async throws {
        try await withAPI { db, _, client in
            let tenant = try await TestTenant.create("VBP Org", permissions: [.vbpRead, .vbpManage, .billingRulesManage], database: db.database)
            let payer = try await Self.payer(client, tenant)
            let created = try await client.call(.post, "/api/v1/vbp/contracts", as: tenant, json: Self.contractJSON(payer: payer))
            #expect(created.status == .created)
            let body = try #require(created.json as? [String: Any])
            let id = try #require(body["id"] as? String)
            #expect(body["version"] as? Int == 1)
            #expect(body["target_rate_percent"] as? Double == 60)
            #expect((body["incentive"] as? [String: Any])?["full_amount_cents"] as? Int == 1_000_000)

            let list = try await client.call(.get, "/api/v1/vbp/contracts", as: tenant)
            #expect((list.json as? [[String: Any]])?.compactMap { $0["id"] as? String } == [id])

            let update = Self.contractJSON(payer: payer, tiers: "null", extra: #", "target_rate_percent": 62.5, "version": 1"#)
            let updated = try await client.call(.put, "/api/v1/vbp/contracts/\(id)", as: tenant, json: update)
            #expect(updated.status == .ok)
            #expect((updated.json as? [String: Any])?["version"] as? Int == 2)
            #expect((updated.json as? [String: Any])?["target_rate_percent"] as? Double == 62.5)

            let stale = try await client.call(.put, "/api/v1/vbp/contracts/\(id)", as: tenant, json: update)
            #expect(stale.status == .conflict && stale.errorBody?.code == "STALE_CONTRACT")

            // A bad update is refused naming the field and leaves the contract at version 2.
            let negative = Self.contractJSON(payer: payer, withhold: -1, extra: #", "version": 2"#)
            let refused = try await client.call(.put, "/api/v1/vbp/contracts/\(id)", as: tenant, json: negative)
            #expect(refused.status == .unprocessableContent && refused.errorBody?.field == "withhold_cents")
            let missingVersion = try await client.call(.put, "/api/v1/vbp/contracts/\(id)", as: tenant, json: Self.contractJSON(payer: payer))
            #expect(missingVersion.status == .unprocessableContent && missingVersion.errorBody?.field == "version")
            let unchanged = try await client.call(.get, "/api/v1/vbp/contracts/\(id)", as: tenant)
            #expect((unchanged.json as? [String: Any])?["version"] as? Int == 2 && (unchanged.json as? [String: Any])?["withhold_cents"] as? Int == 500_000)

            let audit = try await db.ownerScalars("SELECT action || ' ' || details::text FROM pf_audit_log WHERE entity_type = 'vbp_contract' ORDER BY occurred_at, action",
                                                  as: String.self)
            #expect(audit.count == 2)
            #expect(audit.allSatisfy { $0.contains("HEDIS_FUH_30") && !$0.contains("FUH 30-day incentive") })

            let unknown = try await client.call(.get, "/api/v1/vbp/contracts/\(UUID())", as: tenant)
            #expect(unknown.status == .notFound)
        }
    }

    @Test("bad terms are refused naming the field, and nothing is saved", arguments: [
        ("negative withhold", #"{"withhold": -1}"#, "withhold_cents"),
        ("period ends before it starts", #"{"end": "2025-12-31"}"#, "performance_period_end"),
        ("tiers out of order", #"{"tiers": [{"minimum_rate_percent": 75, "earned_percent": 50}, {"minimum_rate_percent": 60, "earned_percent": 100}]}"#,
         "tiers[1].minimum_rate_percent"),
        ("pool percent over 100", #"{"incentive": {"kind": "percent_of_pool", "pool_cents": 100000, "pool_percent": 101}}"#, "incentive.pool_percent"),
        ("negative amount", #"{"incentive": {"kind": "fixed_amount", "amount_cents": -5}}"#, "incentive.amount_cents"),
        ("unknown incentive kind", #"{"incentive": {"kind": "bonus"}}"#, "incentive.kind"),
        ("malformed measure", #"{"measure": "fuh 30"}"#, "measure_id"),
        ("not a date", #"{"start": "2026-02-30"}"#, "performance_period_start"),
    ])
    func refusals(name: String, change: String, field: String) async throws {
        try await withAPI { db, _, client in
            let tenant = try await TestTenant.create("VBP Bad", permissions: [.vbpManage, .billingRulesManage], database: db.database)
            let payer = try await Self.payer(client, tenant)
            let edits = try #require(try JSONSerialization.jsonObject(with: Data(change.utf8)) as? [String: Any])
            func text(_ key: String) -> String? { edits[key] as? String }
            func json(_ key: String) throws -> String? {
                try edits[key].map { String(decoding: try JSONSerialization.data(withJSONObject: $0), as: UTF8.self) }
            }
            let body = Self.contractJSON(payer: payer, measure: text("measure") ?? "HEDIS_FUH_30", start: text("start") ?? "2026-01-01",
                                         end: text("end") ?? "2026-12-31",
                                         tiers: try json("tiers") ?? #"[{"minimum_rate_percent": 60, "earned_percent": 100}]"#,
                                         incentive: try json("incentive") ?? #"{"kind": "fixed_amount", "amount_cents": 1000000}"#,
                                         withhold: edits["withhold"] as? Int ?? 500_000)
            let response = try await client.call(.post, "/api/v1/vbp/contracts", as: tenant, json: body)
            #expect(response.status == .unprocessableContent, "\(name)")
            #expect(response.errorBody?.field == field, "\(name)")
            #expect(try await db.ownerScalars("SELECT count(*)::int FROM fa_vbp_contracts", as: Int.self) == [0])
            #expect(try await db.ownerScalars("SELECT count(*)::int FROM pf_audit_log WHERE entity_type = 'vbp_contract'", as: Int.self) == [0])
        }
    }

    @Test("a payer of another organization (or none) is refused naming payer_id; permissions are checked")
    func payerAndPermissions() async throws {
        try await withAPI { db, _, client in
            let tenant = try await TestTenant.create("VBP Own", permissions: [.vbpRead, .vbpManage, .billingRulesManage], database: db.database)
            let other = try await TestTenant.create("VBP Other", permissions: [.vbpRead, .vbpManage, .billingRulesManage], database: db.database)
            let theirs = try await Self.payer(client, other, code: "THEIRS")
            for payer in [theirs, UUID().uuidString] {
                let response = try await client.call(.post, "/api/v1/vbp/contracts", as: tenant, json: Self.contractJSON(payer: payer))
                #expect(response.status == .unprocessableContent && response.errorBody?.field == "payer_id")
            }
            let reader = try await TestTenant.create("VBP Reader", permissions: [.vbpRead, .billingRulesManage], database: db.database)
            let payer = try await Self.payer(client, reader, code: "READER")
            let refused = try await client.call(.post, "/api/v1/vbp/contracts", as: reader, json: Self.contractJSON(payer: payer))
            #expect(refused.status == .forbidden && refused.errorBody?.code == "MISSING_PERMISSION")
            let nobody = try await TestTenant.create("VBP Nobody", permissions: [.patientsRead], database: db.database)
            for path in ["/api/v1/vbp/contracts", "/api/v1/vbp/outcomes", "/api/v1/quality-measure-results"] {
                #expect(try await client.call(.get, path, as: nobody).status == .forbidden, "\(path)")
            }
            #expect(try await db.ownerScalars("SELECT count(*)::int FROM fa_vbp_contracts", as: Int.self) == [0])
        }
    }

    @Test("quality-measure results: [] when none; the latest calculation of the caller's organization only; 403 naming another")
    func qualityMeasureResults() async throws {
        try await withAPI { db, _, client in
            let tenant = try await TestTenant.create("QMR Own", permissions: [.vbpRead], database: db.database)
            let other = try await TestTenant.create("QMR Other", permissions: [.vbpRead], database: db.database)
            let empty = try await client.call(.get, "/api/v1/quality-measure-results?period_start=2026-01-01&period_end=2026-12-31", as: tenant)
            #expect(empty.status == .ok && empty.text == "[]")

            try await db.insertClinicalQualityResult(organization: tenant.organizationID, measure: "HEDIS_FUH_7", start: "2026-01-01", end: "2026-12-31",
                                          numerator: 30, denominator: 100, version: 1)
            try await db.insertClinicalQualityResult(organization: tenant.organizationID, measure: "HEDIS_FUH_7", start: "2026-01-01", end: "2026-12-31",
                                          numerator: 41, denominator: 100, version: 2)
            try await db.insertClinicalQualityResult(organization: tenant.organizationID, measure: "HEDIS_FUM_30", start: "2025-01-01", end: "2025-12-31",
                                          numerator: 5, denominator: 10, version: 1)
            try await db.insertClinicalQualityResult(organization: other.organizationID, measure: "HEDIS_IET_INIT", start: "2026-01-01", end: "2026-12-31",
                                          numerator: 9, denominator: 10, version: 1)

            let mine = try await client.call(.get, "/api/v1/quality-measure-results?period_start=2026-01-01&period_end=2026-12-31", as: tenant)
            let rows = try #require(mine.json as? [[String: Any]])
            #expect(rows.count == 1)
            #expect(rows.first?["measure_id"] as? String == "HEDIS_FUH_7")
            #expect(rows.first?["numerator_count"] as? Int == 41 && rows.first?["calculation_version"] as? Int == 2)
            #expect(rows.first?["rate"] as? Double == 0.41)
            #expect(Set(rows.first?.keys.map { $0 } ?? []) == ["measure_id", "period_start", "period_end", "denominator_count", "numerator_count",
                                                              "rate", "calculation_version", "calculated_at"])

            let named = try await client.call(.get, "/api/v1/quality-measure-results?period_start=2026-01-01&period_end=2026-12-31&organization_id=\(other.organizationID)",
                                              as: tenant)
            #expect(named.status == .forbidden)
            let theirs = try await client.call(.get, "/api/v1/quality-measure-results?period_start=2026-01-01&period_end=2026-12-31", as: other)
            #expect((theirs.json as? [[String: Any]])?.map { $0["measure_id"] as? String } == ["HEDIS_IET_INIT"])

            let backwards = try await client.call(.get, "/api/v1/quality-measure-results?period_start=2026-12-31&period_end=2026-01-01", as: tenant)
            #expect(backwards.status == .unprocessableContent && backwards.errorBody?.field == "period_end")
        }
    }

    @Test("reconciliation applies Clinical's results; the finance page and the CSV show the incentive")
    func reconciliationPageAndCSV() async throws {
        try await withAPI { db, _, client in
            let tenant = try await TestTenant.create("VBP Page", permissions: [.vbpRead, .vbpManage, .billingRulesManage], database: db.database)
            let payer = try await Self.payer(client, tenant)
            #expect(try await client.call(.post, "/api/v1/vbp/contracts", as: tenant, json: Self.contractJSON(payer: payer)).status == .created)
            try await db.insertClinicalQualityResult(organization: tenant.organizationID, measure: "HEDIS_FUH_30", start: "2026-01-01", end: "2026-12-31",
                                          numerator: 78, denominator: 100, version: 1)
            let period = #"{"period_start": "2026-01-01", "period_end": "2026-12-31"}"#
            let first = try await client.call(.post, "/api/v1/vbp/reconciliations", as: tenant, json: period)
            #expect((first.json as? [String: Any])?["results_applied"] as? Int == 1)
            let again = try await client.call(.post, "/api/v1/vbp/reconciliations", as: tenant, json: period)
            #expect((again.json as? [String: Any])?["results_checked"] as? Int == 1 && (again.json as? [String: Any])?["results_applied"] as? Int == 0)

            let outcomes = try await client.call(.get, "/api/v1/vbp/outcomes?period_start=2026-01-01&period_end=2026-12-31", as: tenant)
            let row = try #require((outcomes.json as? [[String: Any]])?.first)
            #expect(row["incentive_earned_cents"] as? Int == 1_000_000 && row["tier_reached"] as? Int == 2)
            #expect(row["quality_adjusted_revenue_cents"] as? Int == 21_000_000 && row["covers_whole_period"] as? Bool == true)

            let csv = try await client.call(.get, "/api/v1/vbp/outcomes?format=csv&period_start=2026-01-01&period_end=2026-12-31", as: tenant)
            #expect(csv.headers[.contentType]?.hasPrefix("text/csv") == true)
            let lines = csv.text.split(separator: "\r\n")
            #expect(lines.count == 2)
            #expect(lines.last?.hasSuffix(",HEDIS_FUH_30,2026-01-01,2026-12-31,true,100,78,1,78,2,10000.00,5000.00,0.00,210000.00") == true)

            let cookie = try await BillingRulesPageTests.signIn(client, tenant)
            let home = try await client.execute(uri: "/", method: .get, headers: [.cookie: cookie]) { $0 }
            #expect(home.text.contains("href=\"/finance/vbp\""))
            let page = try await client.execute(uri: "/finance/vbp?period_start=2026-01-01&period_end=2026-12-31", method: .get,
                                                headers: [.cookie: cookie]) { $0 }
            #expect(page.status == .ok)
            #expect(page.text.contains("FUH 30-day incentive") && page.text.contains("AHCCCS Complete Care"))
            #expect(page.text.contains("<td class=\"incentive-earned\">$10,000.00</td>"))
            #expect(page.text.contains("$210,000.00"))
            #expect(page.text.contains("href=\"/api/v1/vbp/outcomes?format=csv&amp;period_start=2026-01-01&amp;period_end=2026-12-31\""))
            let bad = try await client.execute(uri: "/finance/vbp?period_start=2026-12-31&period_end=2026-01-01", method: .get,
                                               headers: [.cookie: cookie]) { $0 }
            #expect(bad.status == .unprocessableContent && bad.text.contains("period_end"))
        }
    }
}
