import CareLedgerHTTP
import Foundation
import Hummingbird
import HummingbirdTesting
import Platform
import PlatformTesting
import Testing

@Suite("Quality measures API and page")
struct QualityMeasureAPITests {
    static let permissions: [PermissionKey] = [.qualityRead, .qualityManage, .patientsManage]

    /// A discharge for F32.1 on March 10, 2026 followed by a visit with F32.9 on March 14 (7-day met),
    /// and an ED visit for F41.1 on April 2 with no follow-up.
    static let bundle = #"""
        {"resourceType":"Bundle","type":"collection","entry":[
          {"fullUrl":"urn:uuid:e1","resource":{"resourceType":"Encounter","status":"finished","identifier":[{"system":"urn:hie","value":"E1"}],
            "class":{"code":"IMP"},"subject":{"identifier":{"value":"Q-1"}},"period":{"start":"2026-03-05","end":"2026-03-10"}}},
          {"resource":{"resourceType":"Condition","code":{"coding":[{"system":"http://hl7.org/fhir/sid/icd-10-cm","code":"F32.1"}]},"encounter":{"reference":"urn:uuid:e1"}}},
          {"fullUrl":"urn:uuid:e2","resource":{"resourceType":"Encounter","status":"finished","identifier":[{"system":"urn:hie","value":"E2"}],
            "class":{"code":"AMB"},"subject":{"identifier":{"value":"Q-1"}},"period":{"start":"2026-03-14"}}},
          {"resource":{"resourceType":"Condition","code":{"coding":[{"system":"http://hl7.org/fhir/sid/icd-10-cm","code":"F32.9"}]},"encounter":{"reference":"urn:uuid:e2"}}},
          {"fullUrl":"urn:uuid:e3","resource":{"resourceType":"Encounter","status":"finished","identifier":[{"system":"urn:hie","value":"E3"}],
            "class":{"code":"EMER"},"subject":{"identifier":{"value":"Q-1"}},"period":{"start":"2026-04-02T10:00:00-07:00"}}},
          {"resource":{"resourceType":"Condition","code":{"coding":[{"system":"http://hl7.org/fhir/sid/icd-10-cm","code":"F41.1"}]},"encounter":{"reference":"urn:uuid:e3"}}}
        ]}
        """#

    @Test("import, finalize, read results and the MeasureReport; bad input names the field and changes nothing; other tenants see nothing")
    func pipeline() async throws {
        try await withAPI { db, _, client in
            let tenant = try await TestTenant.create("Quality API", permissions: Self.permissions, database: db.database)
            try await client.call(.post, "/api/v1/patients", as: tenant,
                                  json: #"{"mrn":"Q-1","given_name":"Ada","family_name":"Q","date_of_birth":"1990-01-01"}"#)

            let broken = Self.bundle.replacingOccurrences(of: #""period":{"start":"2026-03-14"}"#, with: #""period":{"start":"2026-03-14","end":"2026-03-13"}"#)
            let refused = try await client.call(.post, "/api/v1/clinical/encounter-bundles", as: tenant, json: broken)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.errorBody?.field == "entry[2].resource.period.end")
            let unknown = try await client.call(.post, "/api/v1/clinical/encounter-bundles", as: tenant,
                                                json: Self.bundle.replacingOccurrences(of: #""resourceType":"Condition""#, with: #""resourceType":"Observation""#))
            #expect(unknown.status == .unprocessableContent)
            #expect(unknown.errorBody?.field == "entry[1].resource.resourceType")
            #expect(try await db.ownerScalars("SELECT count(*)::int FROM cl_external_encounters", as: Int.self) == [0])

            let imported = try await client.call(.post, "/api/v1/clinical/encounter-bundles", as: tenant, json: Self.bundle)
            #expect(imported.status == .ok, "\(imported.text)")
            #expect((imported.json as? [String: Any])?["created"] as? Int == 3)

            let backwards = try await client.call(.post, "/api/v1/clinical/quality/periods", as: tenant,
                                                  json: #"{"period_start":"2026-12-31","period_end":"2026-01-01"}"#)
            #expect(backwards.status == .unprocessableContent)
            #expect(backwards.errorBody?.field == "period_end")

            let finalized = try await client.call(.post, "/api/v1/clinical/quality/periods", as: tenant,
                                                  json: #"{"period_start":"2026-01-01","period_end":"2026-12-31"}"#)
            #expect(finalized.status == .ok, "\(finalized.text)")
            let results = try #require(finalized.json as? [[String: Any]])
            let fuh7 = try #require(results.first { $0["measure_id"] as? String == "HEDIS_FUH_7" })
            #expect(fuh7["numerator_count"] as? Int == 1 && fuh7["denominator_count"] as? Int == 1 && fuh7["rate"] as? Double == 1)
            let fum30 = try #require(results.first { $0["measure_id"] as? String == "HEDIS_FUM_30" })
            #expect(fum30["numerator_count"] as? Int == 0 && fum30["denominator_count"] as? Int == 1)

            let listed = try await client.call(.get, "/api/v1/clinical/quality/results", as: tenant)
            #expect((listed.json as? [[String: Any]])?.count == results.count)
            let id = try #require(fuh7["id"] as? String)
            let report = try await client.call(.get, "/api/v1/clinical/quality/results/\(id)/measure-report", as: tenant)
            #expect(report.status == .ok)
            #expect(report.headers[.contentType]?.hasPrefix("application/fhir+json") == true)
            #expect((report.json as? [String: Any])?["resourceType"] as? String == "MeasureReport")

            let other = try await TestTenant.create("Other quality", permissions: Self.permissions, database: db.database)
            #expect(try await client.call(.get, "/api/v1/clinical/quality/results/\(id)/measure-report", as: other).status == .notFound)
            #expect((try await client.call(.get, "/api/v1/clinical/quality/results", as: other).json as? [Any])?.isEmpty == true)
        }
    }

    @Test("reading needs clinical.quality.read and managing clinical.quality.manage")
    func permissions() async throws {
        try await withAPI { db, _, client in
            let reader = try await TestTenant.create("Reader", permissions: [.qualityRead], database: db.database)
            let nobody = try await TestTenant.create("Nobody", permissions: [.groupSessionRead], database: db.database)
            #expect(try await client.call(.get, "/api/v1/clinical/quality/results", as: nobody).status == .forbidden)
            #expect(try await client.call(.get, "/api/v1/clinical/quality/care-gaps", as: nobody).status == .forbidden)
            #expect(try await client.call(.get, "/api/v1/clinical/quality/care-gaps", as: reader).status == .ok)
            #expect(try await client.call(.post, "/api/v1/clinical/encounter-bundles", as: reader, json: Self.bundle).status == .forbidden)
            #expect(try await client.call(.post, "/api/v1/clinical/quality/periods", as: reader,
                                          json: #"{"period_start":"2026-01-01","period_end":"2026-12-31"}"#).status == .forbidden)
        }
    }

    @Test("value sets: the defaults are named as such, and a loaded CSV replaces one")
    func valueSets() async throws {
        try await withAPI { db, _, client in
            let tenant = try await TestTenant.create("Value sets", permissions: Self.permissions, database: db.database)
            let before = try #require(try await client.call(.get, "/api/v1/clinical/quality/value-sets", as: tenant).json as? [[String: Any]])
            #expect(before.allSatisfy { $0["source"] as? String == "default" })
            let loaded = try await client.call(.put, "/api/v1/clinical/quality/value-sets", as: tenant,
                                               json: #"{"csv":"value_set,code_system,code\nMental Illness,ICD10CM,F32.1\nMental Illness,CPT,90832\n"}"#)
            #expect(loaded.status == .ok, "\(loaded.text)")
            #expect((loaded.json as? [String: Any])?["skipped_rows"] as? Int == 1)
            let after = try #require(try await client.call(.get, "/api/v1/clinical/quality/value-sets", as: tenant).json as? [[String: Any]])
            #expect(after.first { $0["name"] as? String == "mental_illness" }?["source"] as? String == "organization")
            let bad = try await client.call(.put, "/api/v1/clinical/quality/value-sets", as: tenant, json: #"{"csv":"value_set,code_system,code\nNope,ICD10CM,F32\n"}"#)
            #expect(bad.status == .unprocessableContent)
            #expect(bad.errorBody?.field == "line 2: value_set")
        }
    }

    @Test("the page shows rates per finalized period and the defaults' source; its finalize form works as a plain form")
    func page() async throws {
        try await withAPI { db, _, client in
            let tenant = try await TestTenant.create("Quality page", permissions: Self.permissions, database: db.database)
            try await client.call(.post, "/api/v1/patients", as: tenant,
                                  json: #"{"mrn":"Q-1","given_name":"Ada","family_name":"Q","date_of_birth":"1990-01-01"}"#)
            try await client.call(.post, "/api/v1/clinical/encounter-bundles", as: tenant, json: Self.bundle)
            let cookie = try await BillingRulesPageTests.signIn(client, tenant)
            let empty = try await client.execute(uri: "/quality", method: .get, headers: [.cookie: cookie]) { $0 }
            #expect(empty.status == .ok)
            #expect(empty.text.contains("No period has been finalized yet."))
            #expect(empty.text.contains("Default (public codes)"))
            let bad = try await client.execute(uri: "/quality/periods", method: .post,
                                               headers: [.contentType: "application/x-www-form-urlencoded", .cookie: cookie],
                                               body: WebPageTests.form(["period_start": "2026-12-31", "period_end": "2026-01-01"])) { $0 }
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("period_end"))
            let posted = try await client.execute(uri: "/quality/periods", method: .post,
                                                  headers: [.contentType: "application/x-www-form-urlencoded", .cookie: cookie],
                                                  body: WebPageTests.form(["period_start": "2026-01-01", "period_end": "2026-12-31"])) { $0 }
            #expect(posted.status == .seeOther || posted.status == .found)
            let shown = try await client.execute(uri: "/quality", method: .get, headers: [.cookie: cookie]) { $0 }
            #expect(shown.text.contains("2026-01-01 to 2026-12-31"))
            #expect(shown.text.contains("HEDIS_FUH_7"))
            #expect(shown.text.contains("100.0%"))
        }
    }

    @Test("the page's value-set form loads a medication list as the API does, and a bad file is refused naming the line")
    func valueSetForm() async throws {
        try await withAPI { db, _, client in
            let tenant = try await TestTenant.create("Quality value-set form", permissions: Self.permissions, database: db.database)
            let cookie = try await BillingRulesPageTests.signIn(client, tenant)
            let posted = try await client.execute(uri: "/quality/value-sets", method: .post,
                                                  headers: [.contentType: "application/x-www-form-urlencoded", .cookie: cookie],
                                                  body: WebPageTests.form(["csv": "value_set,code_system,code\nantidepressant_medication,NDC,0093-7198-56\n"])) { $0 }
            #expect(posted.status == .seeOther || posted.status == .found)
            let sets = try #require(try await client.call(.get, "/api/v1/clinical/quality/value-sets", as: tenant).json as? [[String: Any]])
            let loaded = sets.first { $0["name"] as? String == "antidepressant_medication" }
            #expect(loaded?["source"] as? String == "organization" && loaded?["code_count"] as? Int == 1)
            #expect(loaded?["code_system"] as? String == "RXNORM, NDC")
            let bad = try await client.execute(uri: "/quality/value-sets", method: .post,
                                               headers: [.contentType: "application/x-www-form-urlencoded", .cookie: cookie],
                                               body: WebPageTests.form(["csv": "value_set,code_system,code\nantidepressant_medication,NDC,12\n"])) { $0 }
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("line 2: code"))
        }
    }
}
