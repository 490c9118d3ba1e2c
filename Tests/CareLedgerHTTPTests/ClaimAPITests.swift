import CareLedgerHTTP
import Foundation
import Hummingbird
import HummingbirdTesting
import HTTPTypes
import Platform
import PlatformTesting
import Testing

/// A billed-ready practice through the API: profile, two covered patients with claim facts, a
/// session with both ATTENDED, and one charge each (written as the charge builder will write them).
struct ClaimAPIFixture {
    let tenant: TestTenant
    let sessionID: String
    let patients: [String]
    let rowIDs: [String]

    static let profileJSON = #"""
        {"legal_name":"Desert Bloom Behavioral Health","npi":"1234567893","ein":"86-1234567","taxonomy_code":"261QM0801X",
         "address_line1":"100 N Central Ave","city":"Phoenix","state_code":"AZ","postal_code":"85004-1234","submitter_id":"DESERTBLOOM",
         "submitter_contact_name":"Jane Biller","submitter_phone":"602-555-0100","receiver_name":"Clearhouse","receiver_id":"CLEARHOUSE"}
        """#

    static func make(_ client: some TestClientProtocol, db: TestDatabase) async throws -> ClaimAPIFixture {
        let tenant = try await TestTenant.create("Claims API", permissions: [
            .groupSessionRead, .groupSessionManage, .attendanceWrite, .patientsManage, .patientsRead, .billingRulesManage, .claimsRead,
            .claimsManage, .organizationManage,
        ], database: db.database)
        #expect(try await client.call(.put, "/api/v1/billing-profile", as: tenant, json: profileJSON).status == .ok)
        let payer = try #require((try await client.call(.post, "/api/v1/payers", as: tenant, json: #"{"name":"AHCCCS Complete Care","payer_code":"AZACC"}"#)
            .json as? [String: Any])?["id"] as? String)
        var patients: [String] = []
        for index in 1...2 {
            let id = try #require((try await client.call(.post, "/api/v1/patients", as: tenant, json: #"""
                {"mrn":"C-\#(index)","given_name":"Member\#(index)","family_name":"Test","date_of_birth":"1990-01-0\#(index)"}
                """#).json as? [String: Any])?["id"] as? String)
            #expect(try await client.call(.post, "/api/v1/patients/\(id)/coverages", as: tenant,
                                          json: #"{"payer_id":"\#(payer)","member_id":"M\#(index)2345","effective_from":"2025-01-01"}"#).status == .created)
            #expect(try await client.call(.put, "/api/v1/patients/\(id)/claim-facts", as: tenant, json: #"""
                {"sex":"F","address_line1":"12 Palm Ln","city":"Tempe","state_code":"AZ","postal_code":"85281","diagnosis_codes":["F33.1"]}
                """#).status == .ok)
            patients.append(id)
        }
        let created = try await client.call(.post, "/api/v1/group-sessions", as: tenant, json: #"""
            {"facility_id":"\#(tenant.facility.id)","group_type":"process_group","session_date":"2025-03-03","start_time":"09:00","end_time":"10:00",
             "patient_ids":[\#(patients.map { "\"\($0)\"" }.joined(separator: ","))]}
            """#)
        let body = try #require(created.json as? [String: Any])
        let session = try #require((body["session"] as? [String: Any])?["id"] as? String)
        let rows = try #require(body["roster"] as? [[String: Any]]).compactMap { $0["id"] as? String }
        for row in rows {
            #expect(try await client.call(.post, "/api/v1/group-sessions/\(session)/attendance/\(row)", as: tenant,
                                          json: #"{"status":"ATTENDED"}"#).status == .ok)
        }
        for patient in patients {
            try await db.asOwner("""
                INSERT INTO pm_charges (organization_id, id, patient_id, service_date, service_type, minutes, facts, payer_id, procedure_code,
                                        modifiers, units, unit_rate_cents, amount_cents, profile_source, group_session_id)
                VALUES (\(tenant.organizationID), \(UUID()), \(UUID(uuidString: patient)!), '2025-03-03', 'process_group', 60, '{}'::jsonb,
                        \(UUID(uuidString: payer)!), 'H0005', '{HQ}', 4, 1600, 6400, 'defaults', \(UUID(uuidString: session)!))
                """)
        }
        return ClaimAPIFixture(tenant: tenant, sessionID: session, patients: patients, rowIDs: rows)
    }
}

@Suite("Claims through the API")
struct ClaimAPITests {
    @Test("POST /claims builds one claim per member, locks the session (a mark then answers 409 LOCKED), and shows lines and findings")
    func createLocksSession() async throws {
        try await withAPI { db, _, client in
            let f = try await ClaimAPIFixture.make(client, db: db)
            let created = try await client.call(.post, "/api/v1/claims", as: f.tenant, json: #"{"session_id":"\#(f.sessionID)"}"#)
            #expect(created.status == .created)
            let body = try #require(created.json as? [String: Any])
            let claims = try #require(body["claims"] as? [[String: Any]])
            #expect(claims.count == 2)
            #expect(body["locked_session_ids"] as? [String] == [f.sessionID])
            #expect(claims.allSatisfy { $0["exportable"] as? Bool == true })

            let mark = try await client.call(.post, "/api/v1/group-sessions/\(f.sessionID)/attendance/\(f.rowIDs[0])", as: f.tenant,
                                             json: #"{"status":"ABSENT"}"#)
            #expect(mark.status == .conflict)
            #expect(mark.errorBody?.code == "LOCKED")

            let id = try #require((claims[0]["claim"] as? [String: Any])?["id"] as? String)
            let detail = try #require(try await client.call(.get, "/api/v1/claims/\(id)", as: f.tenant).json as? [String: Any])
            #expect((detail["lines"] as? [[String: Any]])?.first?["procedure_code"] as? String == "H0005")
            #expect(detail["edi_url"] as? String == "/api/v1/claims/\(id.lowercased())/edi")
            let listed = try #require(try await client.call(.get, "/api/v1/claims?status=open&limit=1", as: f.tenant).json as? [[String: Any]])
            #expect(listed.count == 1)
            #expect(try await client.call(.post, "/api/v1/claims/\(id)/scrub", as: f.tenant).status == .ok)

            let again = try await client.call(.post, "/api/v1/claims", as: f.tenant, json: #"{"session_id":"\#(f.sessionID)"}"#)
            #expect(again.status == .unprocessableContent)
            #expect(again.errorBody?.code == "NOTHING_TO_CLAIM")
        }
    }

    @Test("the EDI preview takes no number; export takes the next one and marks claims exported")
    func ediPreviewAndExport() async throws {
        try await withAPI { db, _, client in
            let f = try await ClaimAPIFixture.make(client, db: db)
            let created = try #require(try await client.call(.post, "/api/v1/claims", as: f.tenant, json: #"{"session_id":"\#(f.sessionID)"}"#)
                .json as? [String: Any])
            let ids = try #require(created["claims"] as? [[String: Any]]).compactMap { ($0["claim"] as? [String: Any])?["id"] as? String }
            let preview = try await client.call(.get, "/api/v1/claims/\(ids[0])/edi", as: f.tenant)
            #expect(preview.status == .ok)
            #expect(preview.headers[.contentType] == "application/edi-x12")
            #expect(preview.text.hasPrefix("ISA*"))
            #expect(preview.text.contains("ST*837*0001*005010X222A1"))
            #expect(preview.text.contains("SBR*P*18*******MC~"), "a payer is Medicaid until told otherwise")
            // The payer turns out to be a commercial plan: the next rendering says so.
            let payer = try #require(try await db.ownerScalars("SELECT payer_id FROM pm_claims WHERE id = \(UUID(uuidString: ids[0])!)", as: UUID.self).first)
            let set = try await client.call(.put, "/api/v1/payers/\(payer)/claim-filing-indicator", as: f.tenant, json: #"{"claim_filing_indicator":"CI"}"#)
            #expect(set.status == .ok && (set.json as? [String: Any])?["claim_filing_indicator"] as? String == "CI")
            #expect(try await client.call(.get, "/api/v1/claims/\(ids[0])/edi", as: f.tenant).text.contains("SBR*P*18*******CI~"))
            let exported = try await client.call(.post, "/api/v1/claims/export", as: f.tenant,
                                                 json: #"{"claim_ids":[\#(ids.map { "\"\($0)\"" }.joined(separator: ","))]}"#)
            #expect(exported.status == .ok)
            #expect(exported.headers[HTTPField.Name("X12-Interchange-Control-Number")!] == "1")
            #expect(exported.text.contains("*000000001*"))
            #expect(try await db.ownerScalars("SELECT count(*) FROM pm_claims WHERE status = 'exported'", as: Int.self) == [2])
        }
    }

    @Test("claim facts without diagnosis_codes are refused naming the field, and the stored diagnoses stay")
    func claimFactsNeedDiagnoses() async throws {
        try await withAPI { db, _, client in
            let f = try await ClaimAPIFixture.make(client, db: db)
            let refused = try await client.call(.put, "/api/v1/patients/\(f.patients[0])/claim-facts", as: f.tenant, json: #"""
                {"sex":"M","address_line1":"1 Elm St","city":"Mesa","state_code":"AZ","postal_code":"85201"}
                """#)
            #expect(refused.status == .unprocessableContent && refused.errorBody?.field == "diagnosis_codes")
            #expect(try await db.ownerScalars("""
                SELECT count(*)::int FROM pm_patient_diagnoses WHERE patient_id = \(UUID(uuidString: f.patients[0])!)
                """, as: Int.self) == [1])
            #expect(try await db.ownerScalars("SELECT sex FROM pm_patients WHERE id = \(UUID(uuidString: f.patients[0])!)", as: String.self) == ["F"])
        }
    }

    @Test("a refused export leaves the database as it was: no claim marked, no interchange, no control number used")
    func failedExportChangesNothing() async throws {
        try await withAPI { db, _, client in
            let f = try await ClaimAPIFixture.make(client, db: db)
            let created = try #require(try await client.call(.post, "/api/v1/claims", as: f.tenant, json: #"{"session_id":"\#(f.sessionID)"}"#)
                .json as? [String: Any])
            let ids = try #require(created["claims"] as? [[String: Any]]).compactMap { ($0["claim"] as? [String: Any])?["id"] as? String }
            // The second member's diagnoses go away after the claim was built: the re-scrub at export blocks it.
            #expect(try await client.call(.put, "/api/v1/patients/\(f.patients[1])/claim-facts", as: f.tenant, json: #"""
                {"sex":"F","address_line1":"12 Palm Ln","city":"Tempe","state_code":"AZ","postal_code":"85281","diagnosis_codes":[]}
                """#).status == .ok)
            let validationsBefore = try await db.ownerScalars("SELECT count(*) FROM pm_claim_validations", as: Int.self)
            let refused = try await client.call(.post, "/api/v1/claims/export", as: f.tenant,
                                                json: #"{"claim_ids":[\#(ids.map { "\"\($0)\"" }.joined(separator: ","))]}"#)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.errorBody?.code == "CLAIM_NOT_EXPORTABLE")
            #expect(refused.errorBody?.message.contains("MISSING_DIAGNOSIS") == true)
            #expect(refused.errorBody?.field?.hasPrefix("claim_ids[") == true)
            #expect(try await db.ownerScalars("SELECT count(*) FROM pm_claims WHERE status <> 'open'", as: Int.self) == [0])
            #expect(try await db.ownerScalars("SELECT count(*) FROM pm_edi_interchanges", as: Int.self) == [0])
            #expect(try await db.ownerScalars("SELECT count(*) FROM pm_counters WHERE name = 'interchange_control_number'", as: Int.self) == [0])
            #expect(try await db.ownerScalars("SELECT count(*) FROM pm_claim_validations", as: Int.self) == validationsBefore)
            // A failed build changes nothing either: the session stays unlocked.
            #expect(try await client.call(.post, "/api/v1/claims", as: f.tenant, json: #"{"session_id":"\#(UUID())"}"#).status == .notFound)
        }
    }

    @Test("bad input answers the envelope naming the field", arguments: [
        ("/api/v1/billing-profile", #"{"legal_name":"X","npi":"1234567890","ein":"86-1234567","address_line1":"1 A St","city":"Phoenix","state_code":"AZ","postal_code":"85004-1234","submitter_id":"SUB1","submitter_contact_name":"J","submitter_phone":"6025550100","receiver_name":"R","receiver_id":"REC1"}"#, "npi"),
        ("/api/v1/billing-profile", #"{"legal_name":"X","npi":"1234567893","ein":"86-12345","address_line1":"1 A St","city":"Phoenix","state_code":"AZ","postal_code":"85004-1234","submitter_id":"SUB1","submitter_contact_name":"J","submitter_phone":"6025550100","receiver_name":"R","receiver_id":"REC1"}"#, "ein"),
        ("/api/v1/billing-profile", #"{"legal_name":"X","npi":"1234567893","ein":"86-1234567","address_line1":"1 A St","city":"Phoenix","state_code":"AZ","postal_code":"85004","submitter_id":"SUB1","submitter_contact_name":"J","submitter_phone":"6025550100","receiver_name":"R","receiver_id":"REC1"}"#, "postal_code"),
        ("/api/v1/billing-profile", #"{"legal_name":"X","npi":"1234567893"}"#, "ein"),
        ("/api/v1/patients/PATIENT/claim-facts", #"{"sex":"F","diagnosis_codes":["F33.1","33.1"]}"#, "diagnosis_codes[1]"),
        ("/api/v1/patients/PATIENT/claim-facts", #"{"sex":"X","diagnosis_codes":[]}"#, "sex"),
        ("/api/v1/patients/PATIENT/claim-facts", #"{"address_line1":"1 A St","city":"Tempe","diagnosis_codes":[]}"#, "state_code"),
    ])
    func badInput(path: String, json: String, field: String) async throws {
        try await withAPI { db, _, client in
            let tenant = try await TestTenant.create("Bad input", permissions: [.organizationManage, .patientsManage, .claimsManage], database: db.database)
            let patient = try #require((try await client.call(.post, "/api/v1/patients", as: tenant,
                json: #"{"mrn":"B-1","given_name":"A","family_name":"B","date_of_birth":"1990-01-01"}"#).json as? [String: Any])?["id"] as? String)
            let response = try await client.call(.put, path.replacingOccurrences(of: "PATIENT", with: patient), as: tenant, json: json)
            #expect(response.status == .unprocessableContent)
            #expect(response.errorBody?.field == field, "\(response.text)")
            #expect(try await db.ownerScalars("SELECT count(*) FROM pm_billing_profiles", as: Int.self) == [0])
            #expect(try await db.ownerScalars("SELECT count(*) FROM pm_patient_diagnoses", as: Int.self) == [0])
        }
    }

    @Test("POST /claims needs exactly one scope and valid JSON")
    func createBadInput() async throws {
        try await withAPI { db, _, client in
            let tenant = try await TestTenant.create("Scope", permissions: [.claimsManage, .claimsRead], database: db.database)
            let neither = try await client.call(.post, "/api/v1/claims", as: tenant, json: "{}")
            #expect(neither.status == .unprocessableContent)
            #expect(neither.errorBody?.field == "session_id")
            #expect(try await client.call(.post, "/api/v1/claims", as: tenant, json: "{not json").status == .badRequest)
            #expect(try await client.call(.get, "/api/v1/claims?status=paid", as: tenant).errorBody?.field == "status")
            let reader = try await TestTenant.create("Reader", permissions: [.claimsRead], database: db.database)
            #expect(try await client.call(.post, "/api/v1/claims", as: reader, json: #"{"patient_id":"\#(UUID())"}"#).status == .forbidden)
        }
    }

    @Test("the claims pages say what Create claims made, list patient and payer with filters, show the tabs and download the 837P")
    func pages() async throws {
        try await withAPI { db, _, client in
            let f = try await ClaimAPIFixture.make(client, db: db)
            let cookie = try await BillingRulesPageTests.signIn(client, f.tenant)
            let form = try await client.execute(uri: "/claims", method: .post,
                                                headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"],
                                                body: WebPageTests.form(["session_id": f.sessionID])) { $0 }
            #expect(form.status == .seeOther)
            let location = try #require(form.headers[.location])
            #expect(location.hasPrefix("/claims?session_id=\(f.sessionID.lowercased())&done=created&count="))
            let made = try await client.execute(uri: location, method: .get, headers: [.cookie: cookie]) { $0 }
            #expect(made.text.contains("Made 2 claims for the session"), "Create claims says what it made")
            #expect(made.text.contains("CL-000001"))
            #expect(made.text.contains("Ready to send"))
            let claimPath = try #require(made.text.components(separatedBy: "href=\"/claims/").dropFirst().first?.prefix(36)).lowercased()
            #expect(try await client.execute(uri: "/claims?status=exported", method: .get, headers: [.cookie: cookie]) { $0 }.text
                .contains("No claims match."))
            #expect(try await client.execute(uri: "/claims?q=CL-000001", method: .get, headers: [.cookie: cookie]) { $0 }.text.contains("CL-000001"))
            #expect(try await client.execute(uri: "/claims?from=2025-13-01", method: .get, headers: [.cookie: cookie]) { $0 }.status
                == .unprocessableContent)
            let validation = try await client.execute(uri: "/claims/\(claimPath)", method: .get, headers: [.cookie: cookie]) { $0 }
            #expect(validation.status == .ok)
            #expect(validation.text.contains("aria-current=\"page\">Problems</a>"), "the open tab is marked")
            #expect(validation.text.contains("No problems: the claim is ready to send."))
            let edi = try await client.execute(uri: "/claims/\(claimPath)?tab=edi", method: .get, headers: [.cookie: cookie]) { $0 }
            #expect(edi.text.contains("<pre class=\"file edi\">ISA*"))
            let file = try await client.execute(uri: "/claims/\(claimPath)/837p", method: .get, headers: [.cookie: cookie]) { $0 }
            #expect(file.status == .ok)
            #expect(file.headers[.contentType] == "application/edi-x12")
            #expect(file.text.hasPrefix("ISA*"))
        }
    }
}
