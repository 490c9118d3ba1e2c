import CareLedgerHTTP
import Finance
import Foundation
import Hummingbird
import HummingbirdTesting
import Platform
import PlatformTesting
import PracticeManagement
import Testing

/// The finance page's contract forms: plain posts that redirect, a refusal re-rendered with the
/// field's message and what was typed, edits guarded by the version the form was opened at.
@Suite("Finance page: VBP contract forms")
struct VBPContractPageTests {
    static let good: [String: String] = [
        "name": "Mercy FUH 2026", "measure_id": "HEDIS_FUH_30", "performance_period_start": "2026-01-01", "performance_period_end": "2026-12-31",
        "targets": "40 50\n60 100", "incentive_kind": "fixed_amount", "incentive_amount": "25,000", "withhold": "5000", "base_revenue": "",
    ]

    @Test("a new contract saves from the form and redirects; its edit form holds the stored terms and saves a change as a new version")
    func createAndEdit() async throws {
        try await withAPI { db, _, client in
            let tenant = try await TestTenant.create("VBP Forms", permissions: [.vbpRead, .vbpManage], database: db.database)
            let payer = try await db.database.withTenant(tenant.organizationID) { tx in try await Payers.create(name: "Mercy <Care>", payerCode: "MC", by: nil, in: tx) }
            let cookie = try await BillingRulesPageTests.signIn(client, tenant)
            let headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded", .cookie: cookie]

            let blank = try await client.execute(uri: "/finance/vbp/contracts/new", method: .get, headers: [.cookie: cookie]) { $0 }
            #expect(blank.status == .ok)
            #expect(blank.text.contains("Mercy &lt;Care&gt;"), "the payer list is escaped")
            var fields = Self.good
            fields["payer_id"] = payer.id.uuidString.lowercased()
            let created = try await client.execute(uri: "/finance/vbp/contracts", method: .post, headers: headers, body: WebPageTests.form(fields)) { $0 }
            #expect(created.status == .seeOther)
            #expect(created.headers[.location] == "/finance/vbp?saved=contract#contracts")
            let contract = try #require(try await db.database.withTenant(tenant.organizationID) { tx in try await VBPContracts.list(in: tx) }.first)
            #expect(contract.terms.tiers == [PerformanceTier(minimumRateBasisPoints: 4_000, earnedBasisPoints: 5_000),
                                             PerformanceTier(minimumRateBasisPoints: 6_000, earnedBasisPoints: 10_000)])
            #expect(contract.terms.incentive == .fixedAmount(cents: 2_500_000))
            #expect(contract.terms.withholdCents == 500_000)

            let page = try await client.execute(uri: "/finance/vbp?saved=contract", method: .get, headers: [.cookie: cookie]) { $0 }
            #expect(page.text.contains("The contract was saved"))
            let editPath = "/finance/vbp/contracts/\(contract.id.uuidString.lowercased())"
            #expect(page.text.contains("\(editPath)/edit"))
            let edit = try await client.execute(uri: "\(editPath)/edit", method: .get, headers: [.cookie: cookie]) { $0 }
            #expect(edit.text.contains("40 50\n60 100"))
            #expect(edit.text.contains("value=\"25000.00\""))
            #expect(edit.text.contains("name=\"version\" value=\"1\""))

            fields["targets"] = "55"
            fields["incentive_kind"] = "percent_of_pool"
            fields["incentive_amount"] = ""
            fields["pool_amount"] = "100000"
            fields["pool_percent"] = "2.5"
            fields["version"] = "1"
            let saved = try await client.execute(uri: editPath, method: .post, headers: headers, body: WebPageTests.form(fields)) { $0 }
            #expect(saved.status == .seeOther)
            let updated = try await db.database.withTenant(tenant.organizationID) { tx in try await VBPContracts.find(contract.id, in: tx) }
            #expect(updated.version == 2)
            #expect(updated.terms.tiers == [.target(5_500)])
            #expect(updated.terms.incentive == .percentOfPool(poolCents: 10_000_000, basisPoints: 250))
            // The same form posted again names version 1, which moved on.
            let stale = try await client.execute(uri: editPath, method: .post, headers: headers, body: WebPageTests.form(fields)) { $0 }
            #expect(stale.status == .conflict)
            #expect(stale.text.contains("STALE_CONTRACT"))
            #expect(try await db.ownerScalars("SELECT action FROM pf_audit_log WHERE entity_type = 'vbp_contract' AND actor_user_id IS NOT NULL ORDER BY occurred_at",
                                              as: String.self) == ["vbp-contract.created", "vbp-contract.updated"])
        }
    }

    @Test("bad input answers 422 naming the form field, keeps what was typed and saves nothing", arguments: [
        // (field, typed value, form field named, words of the message)
        ("withhold", "-5", "withhold", "not negative"),
        ("incentive_amount", "", "incentive_amount", "Enter an amount"),
        ("targets", "60 to 100", "targets", "Line 1"),
        ("targets", "60 50\n50 100", "targets", "from the lowest rate up"),
        ("performance_period_end", "2025-12-31", "performance_period_end", "cannot end before it starts"),
        ("measure_id", "fuh 30", "measure_id", "upper-case"),
        ("name", "", "name", "name of 1 to 200"),
    ])
    func refusals(field: String, value: String, named: String, words: String) async throws {
        try await withAPI { db, _, client in
            let tenant = try await TestTenant.create("VBP Refusals", permissions: [.vbpRead, .vbpManage], database: db.database)
            let payer = try await db.database.withTenant(tenant.organizationID) { tx in try await Payers.create(name: "Plan", payerCode: "PL", by: nil, in: tx) }
            let cookie = try await BillingRulesPageTests.signIn(client, tenant)
            var fields = Self.good
            fields["payer_id"] = payer.id.uuidString.lowercased()
            fields[field] = value
            let refused = try await client.execute(uri: "/finance/vbp/contracts", method: .post,
                                                   headers: [.contentType: "application/x-www-form-urlencoded", .cookie: cookie],
                                                   body: WebPageTests.form(fields)) { $0 }
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("id=\"\(named)-error\""), "the message stands beside \(named)")
            #expect(refused.text.contains(words))
            #expect(refused.text.contains("value=\"2026-01-01\""), "what was typed is kept")
            #expect(try await db.ownerScalars("SELECT count(*)::int FROM fa_vbp_contracts", as: Int.self) == [0])
        }
    }

    @Test("a reader sees the contracts without forms, and the form routes refuse them")
    func readerHasNoForms() async throws {
        try await withAPI { db, _, client in
            let tenant = try await TestTenant.create("VBP Reader Forms", permissions: [.vbpRead], roles: ["finance"], database: db.database)
            // The finance role without its manage permission: a reader.
            #expect(try await db.ownerScalars("""
                WITH removed AS (DELETE FROM pf_role_permissions WHERE organization_id = \(tenant.organizationID) AND permission_key = 'finance.vbp.manage'
                  AND role_id IN (SELECT id FROM pf_roles WHERE organization_id = \(tenant.organizationID) AND key = 'finance') RETURNING 1)
                SELECT count(*)::int FROM removed
                """, as: Int.self) == [1])
            let cookie = try await BillingRulesPageTests.signIn(client, tenant)
            let page = try await client.execute(uri: "/finance/vbp", method: .get, headers: [.cookie: cookie]) { $0 }
            #expect(page.status == .ok)
            #expect(!page.text.contains("/finance/vbp/contracts/new"))
            let form = try await client.execute(uri: "/finance/vbp/contracts/new", method: .get, headers: [.cookie: cookie]) { $0 }
            #expect(form.status == .forbidden)
        }
    }
}
