import CareLedgerHTTP
import Foundation
import Hummingbird
import HummingbirdTesting
import HTTPTypes
import Platform
import PlatformTesting
import Testing

@Suite("Charge capture through the API")
struct ChargeCaptureAPITests {
    static let permissions: [PermissionKey] = [.chargesCreate, .chargesEdit, .billingRulesManage, .patientsManage, .patientsRead]

    /// A tenant with a patient, a payer, H0004 mapped for individual counseling at $26.50 a unit.
    struct Practice {
        let tenant: TestTenant
        let patientID: String
        let payerID: String
    }

    static func practice(_ client: some TestClientProtocol, db: TestDatabase, profile: String? = nil) async throws -> Practice {
        let tenant = try await TestTenant.create("Billing", permissions: permissions, database: db.database)
        if let profile { #expect(try await client.call(.put, "/api/v1/jurisdiction-profile", as: tenant, json: profile).status == .ok) }
        let patient = try await client.call(.post, "/api/v1/patients", as: tenant,
                                            json: #"{"mrn":"B-1","given_name":"Ana","family_name":"Diaz","date_of_birth":"1990-02-03"}"#)
        let payer = try await client.call(.post, "/api/v1/payers", as: tenant, json: #"{"name":"AHCCCS Complete Care","payer_code":"AZACC"}"#)
        #expect(payer.status == .created)
        #expect(try await client.call(.post, "/api/v1/service-code-mappings", as: tenant,
                                      json: #"{"service_type":"individual_counseling","procedure_code":"H0004","effective_from":"2025-01-01"}"#).status == .created)
        #expect(try await client.call(.post, "/api/v1/fee-schedule-entries", as: tenant,
                                      json: #"{"procedure_code":"H0004","unit_rate_cents":2650,"effective_from":"2025-01-01"}"#).status == .created)
        return Practice(tenant: tenant, patientID: try #require((patient.json as? [String: Any])?["id"] as? String),
                        payerID: try #require((payer.json as? [String: Any])?["id"] as? String))
    }

    static func encounter(_ practice: Practice, minutes: Int, extra: String = "") -> String {
        #"{"patient_id":"\#(practice.patientID)","payer_id":"\#(practice.payerID)","service_date":"2026-03-02","service_type":"individual_counseling","minutes":\#(minutes)\#(extra)}"#
    }

    @Test("preview follows the 8/15 rule at every boundary and prices units times rate",
          arguments: [(7, nil), (8, 1), (22, 1), (23, 2), (37, 2), (38, 3), (60, 4)] as [(Int, Int?)])
    func previewUnits(minutes: Int, units: Int?) async throws {
        try await withAPI { db, _, client in
            let practice = try await Self.practice(client, db: db)
            let quote = try #require(try await client.call(.post, "/api/v1/charges/preview", as: practice.tenant,
                                                           json: Self.encounter(practice, minutes: minutes)).json as? [String: Any])
            #expect(quote["units"] as? Int == units)
            #expect(quote["billable"] as? Bool == (units != nil))
            #expect(quote["procedure_code"] as? String == "H0004")
            #expect(quote["amount_cents"] as? Int == units.map { $0 * 2650 })
            if units == nil {
                #expect((quote["problems"] as? [[String: Any]])?.first?["code"] as? String == "BELOW_MINIMUM_DURATION")
            }
            #expect(quote["profile_source"] as? String == "defaults")
            #expect(try await db.ownerScalars("SELECT count(*)::int FROM pm_charges", as: Int.self) == [0])
        }
    }

    @Test("modifiers follow the legacy table without conventions and the profile's conventions with them")
    func modifiersByProfile() async throws {
        try await withAPI { db, _, client in
            let legacy = try await Self.practice(client, db: db)
            let audioOnly = #","telehealth":"audio_only","is_court_ordered":true"#
            let legacyQuote = try #require(try await client.call(.post, "/api/v1/charges/preview", as: legacy.tenant,
                                                                 json: Self.encounter(legacy, minutes: 30, extra: audioOnly)).json as? [String: Any])
            #expect(legacyQuote["modifiers"] as? [String] == ["FQ", "H9"])

            let california = try await Self.practice(client, db: db, profile: BillingRulesAPITests.california)
            let quote = try #require(try await client.call(.post, "/api/v1/charges/preview", as: california.tenant,
                                                           json: Self.encounter(california, minutes: 30, extra: audioOnly)).json as? [String: Any])
            #expect(quote["modifiers"] as? [String] == ["93"], "conventions replace the legacy table; court_ordered has no convention here")
            #expect(quote["profile_source"] as? String == "organization")
            #expect(quote["program_label"] as? String == "Medi-Cal")
        }
    }

    @Test("an Idempotency-Key makes a retried create return the first charge; the key with another body is refused")
    func idempotentCreate() async throws {
        try await withAPI { db, _, client in
            let practice = try await Self.practice(client, db: db)
            let key: HTTPFields = [HTTPField.Name("Idempotency-Key")!: "visit-42"]
            let first = try await client.call(.post, "/api/v1/charges", as: practice.tenant, json: Self.encounter(practice, minutes: 45), headers: key)
            #expect(first.status == .created)
            let second = try await client.call(.post, "/api/v1/charges", as: practice.tenant, json: Self.encounter(practice, minutes: 45), headers: key)
            #expect(second.status == .ok)
            #expect(second.headers[HTTPField.Name("Idempotent-Replayed")!] == "true")
            let firstID = (first.json as? [String: Any])?["id"] as? String
            #expect((first.json as? [String: Any])?["patient_id"] as? String == practice.patientID)
            #expect((first.json as? [String: Any])?["payer_id"] as? String == practice.payerID)
            #expect(firstID != nil)
            #expect((second.json as? [String: Any])?["id"] as? String == firstID)
            let changed = try await client.call(.post, "/api/v1/charges", as: practice.tenant, json: Self.encounter(practice, minutes: 50), headers: key)
            #expect(changed.status == .conflict)
            #expect(changed.errorBody?.code == "IDEMPOTENCY_KEY_REUSED")
            #expect(try await db.ownerScalars("SELECT count(*)::int FROM pm_charges", as: Int.self) == [1])
            let stored = try await db.ownerScalars("SELECT units::text || ' ' || amount_cents::text || ' ' || profile_source FROM pm_charges", as: String.self)
            #expect(stored == ["3 7950 defaults"])
        }
    }

    @Test("a below-minimum encounter is refused with its reason and writes nothing")
    func notBillableCreate() async throws {
        try await withAPI { db, _, client in
            let practice = try await Self.practice(client, db: db)
            let response = try await client.call(.post, "/api/v1/charges", as: practice.tenant, json: Self.encounter(practice, minutes: 5))
            #expect(response.status == .unprocessableContent)
            #expect(response.errorBody?.code == "BELOW_MINIMUM_DURATION")
            let unmapped = try await client.call(.post, "/api/v1/charges", as: practice.tenant,
                                                 json: Self.encounter(practice, minutes: 30).replacingOccurrences(of: "individual_counseling", with: "yoga"))
            #expect(unmapped.errorBody?.code == "UNMAPPED_SERVICE_TYPE")
            #expect(try await db.ownerScalars("SELECT count(*)::int FROM pm_charges", as: Int.self) == [0])
        }
    }

    @Test("a voided charge stays on record with its reason; the application role cannot delete charges")
    func voidNeverDeletes() async throws {
        try await withAPI { db, _, client in
            let practice = try await Self.practice(client, db: db)
            let created = try await client.call(.post, "/api/v1/charges", as: practice.tenant, json: Self.encounter(practice, minutes: 20))
            let id = try #require((created.json as? [String: Any])?["id"] as? String)
            let noReason = try await client.call(.post, "/api/v1/charges/\(id)/void", as: practice.tenant, json: #"{"reason":"  "}"#)
            #expect(noReason.status == .unprocessableContent)
            let voided = try await client.call(.post, "/api/v1/charges/\(id)/void", as: practice.tenant, json: #"{"reason":"Entered twice"}"#)
            #expect((voided.json as? [String: Any])?["status"] as? String == "void")
            let again = try await client.call(.post, "/api/v1/charges/\(id)/void", as: practice.tenant, json: #"{"reason":"again"}"#)
            #expect(again.status == .conflict)
            let listed = try await client.call(.get, "/api/v1/patients/\(practice.patientID)/charges", as: practice.tenant)
            #expect((listed.json as? [[String: Any]])?.first?["void_reason"] as? String == "Entered twice")
            await #expect(throws: (any Error).self) {
                try await db.database.withTenant(practice.tenant.organizationID) { tx in try await tx.query("DELETE FROM pm_charges") }
            }
            #expect(try await db.ownerScalars("SELECT count(*)::int FROM pm_charges", as: Int.self) == [1])
        }
    }
}
