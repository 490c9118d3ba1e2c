import CareLedgerHTTP
import Foundation
import Hummingbird
import HummingbirdTesting
import Platform
import PlatformTesting
import PracticeManagement
import Testing

/// The billing-rules page's payer group rules and module settings, as plain forms.
@Suite("Billing rules page: payer group rules and module settings")
struct BillingSettingsPageTests {
    @Test("the page lists a payer's rules in every state; an edit saves, a bad band line answers 422 with what was typed")
    func groupRulesSection() async throws {
        try await withAPI { db, _, client in
            // setup
            let tenant = try await TestTenant.create("Desert", permissions: [.patientsRead], database: db.database)
            let payer = try await db.database.withTenant(tenant.organizationID) { tx in
                let payer = try await Payers.create(name: "Mercy <Care>", payerCode: "MC1", by: nil, in: tx)
                _ = try await Payers.replaceGroupRules(payerID: payer.id, stateCode: "AZ", maxParticipantsPerSupervisor: 6, bands: [
                    GroupSizeBand(minParticipants: 2, maxParticipants: 5, unitRateCents: 1325),
                    GroupSizeBand(minParticipants: 7, maxParticipants: 10, unitRateCents: 1100)], by: nil, in: tx)
                return payer
            }
            let cookie = try await BillingRulesPageTests.signIn(client, tenant)
            let page = try await client.execute(uri: "/billing-rules", method: .get, headers: [.cookie: cookie]) { $0 }
            #expect(page.text.contains("Mercy &lt;Care&gt;"), "the payer's name is escaped")
            #expect(page.text.contains("2–5: $13.25"))
            #expect(page.text.contains("7–10: $11.00"))
            #expect(page.text.contains("2-5 13.25\n7-10 11.00"), "the edit form holds the bands as lines")

            // MUT: a refused line, then a good edit and a new state.
            let headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded", .cookie: cookie]
            let uri = "/billing-rules/payers/\(payer.id.uuidString.lowercased())/group-rules"
            let bad = try await client.execute(uri: uri, method: .post, headers: headers, body: WebPageTests.form([
                "original_state": "AZ", "state": "AZ", "max_participants_per_supervisor": "6", "bands": "2-5 13.25\n7 to 10"])) { $0 }
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("Line 2"))
            #expect(bad.text.contains("7 to 10"), "what was typed is kept")
            let good = try await client.execute(uri: uri, method: .post, headers: headers, body: WebPageTests.form([
                "original_state": "AZ", "state": "AZ", "max_participants_per_supervisor": "", "bands": "2-5 14.00\n7-10 11.00\n11-12 9.5"])) { $0 }
            #expect(good.status == .seeOther)
            let added = try await client.execute(uri: uri, method: .post, headers: headers, body: WebPageTests.form([
                "original_state": "", "state": "tx", "max_participants_per_supervisor": "8", "bands": "3-8 10"])) { $0 }
            #expect(added.status == .seeOther)

            // validate
            let states = try await db.database.withTenant(tenant.organizationID) { tx in try await Payers.groupRulesByState(payerID: payer.id, in: tx) }
            #expect(states.map(\.stateCode) == ["AZ", "TX"])
            #expect(states[0].rules.supervision == nil, "an empty limit removes the supervision rule")
            #expect(states[0].rules.bands.map(\.unitRateCents) == [1400, 1100, 950])
            #expect(states[1].rules.bands == [GroupSizeBand(minParticipants: 3, maxParticipants: 8, unitRateCents: 1000)])
            #expect(try await db.ownerScalars("SELECT count(*)::int FROM pf_audit_log WHERE action = 'payer-group-rules.saved' AND actor_user_id IS NOT NULL", as: Int.self) == [2],
                    "each page save is audited under the user who saved (the set-up's direct call is the system's)")
        }
    }

    @Test("module settings: ticked boxes and a dollar threshold save as cents; a bad amount answers 422; a reader gets no form and a 403")
    func moduleSettingsSection() async throws {
        try await withAPI { db, _, client in
            let tenant = try await TestTenant.create("Settings", permissions: [.patientsRead], database: db.database)
            let cookie = try await BillingRulesPageTests.signIn(client, tenant)
            let headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded", .cookie: cookie]
            let bad = try await client.execute(uri: "/billing-rules/module-settings", method: .post, headers: headers,
                                               body: WebPageTests.form(["auto_apply_u7": "true", "financial_clearance_threshold": "12.345"])) { $0 }
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("value=\"12.345\""))
            #expect(try await db.ownerScalars("SELECT count(*)::int FROM pm_module_settings", as: Int.self) == [0])
            let good = try await client.execute(uri: "/billing-rules/module-settings", method: .post, headers: headers,
                                                body: WebPageTests.form(["auto_apply_ub": "true", "financial_clearance_threshold": "750.50"])) { $0 }
            #expect(good.status == .seeOther)
            let settings = try await db.database.withTenant(tenant.organizationID) { tx in try await ModuleSettings.load(in: tx) }
            #expect(settings == ModuleSettings(autoApplyU7: false, autoApplyUB: true, financialClearanceThreshold: 75_050))
            let page = try await client.execute(uri: "/billing-rules", method: .get, headers: [.cookie: cookie]) { $0 }
            #expect(page.text.contains("$750.50"))

            let reader = try await TestTenant.create("Floor", permissions: [.patientsRead], roles: ["facilitator"], database: db.database)
            let readerCookie = try await BillingRulesPageTests.signIn(client, reader)
            let readOnly = try await client.execute(uri: "/billing-rules", method: .get, headers: [.cookie: readerCookie]) { $0 }
            #expect(readOnly.text.contains("Module settings"))
            #expect(!readOnly.text.contains("Save module settings"))
            #expect(!readOnly.text.contains("Add state rules"))
            let refused = try await client.execute(uri: "/billing-rules/module-settings", method: .post,
                                                   headers: [.contentType: "application/x-www-form-urlencoded", .cookie: readerCookie],
                                                   body: WebPageTests.form(["auto_apply_u7": "true"])) { $0 }
            #expect(refused.status == .forbidden)
        }
    }

    @Test("the profile form carries financial_clearance_threshold, so a page save keeps it; a bad amount answers 422 beside the field")
    func profileThresholdOnPage() async throws {
        try await withAPI { db, _, client in
            let tenant = try await TestTenant.create("Threshold", permissions: [.patientsRead], database: db.database)
            let cookie = try await BillingRulesPageTests.signIn(client, tenant)
            let headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded", .cookie: cookie]
            let bad = try await client.execute(uri: "/billing-rules", method: .post, headers: headers, body: WebPageTests.form([
                "state_code": "AZ", "financial_clearance_threshold": "lots"])) { $0 }
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("Enter an amount in dollars"))
            let good = try await client.execute(uri: "/billing-rules", method: .post, headers: headers, body: WebPageTests.form([
                "state_code": "AZ", "financial_clearance_threshold": "750.25"])) { $0 }
            #expect(good.status == .seeOther)
            let stored = try await db.database.withTenant(tenant.organizationID) { tx in try await JurisdictionProfileStore.stored(siteID: nil, in: tx) }
            #expect(stored?.financialClearanceThreshold == 75_025)
            let page = try await client.execute(uri: "/billing-rules", method: .get, headers: [.cookie: cookie]) { $0 }
            #expect(page.text.contains("value=\"750.25\""), "the edit form shows the stored threshold, so saving again keeps it")
            #expect(page.text.contains("$750.25"))
        }
    }
}
