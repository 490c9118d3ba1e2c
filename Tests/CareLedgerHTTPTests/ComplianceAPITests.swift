import CareLedgerHTTP
import Foundation
import Hummingbird
import HummingbirdTesting
import Platform
import PlatformTesting
import Testing

/// A practice with two patients in the week of Monday 2025-03-03, at its one facility:
/// Ada attends three 3-hour sessions (IOP met); Ben attends Monday, is LATE on Tuesday and
/// ABSENT on Wednesday (6 h, one qualifying day short). A supervisor is ATTENDED at every session.
struct ComplianceFixture {
    let tenant: TestTenant
    let ada: String
    let ben: String

    static let permissions: [PermissionKey] = [.reportsRead, .patientsManage, .billingRulesManage]

    static func make(_ client: some TestClientProtocol, db: TestDatabase, name: String = "Compliance") async throws -> ComplianceFixture {
        let tenant = try await TestTenant.create(name, permissions: permissions, database: db.database)
        var ids: [String] = []
        for (index, given) in ["Ada", "Ben"].enumerated() {
            let response = try await client.call(.post, "/api/v1/patients", as: tenant, json: #"""
                {"mrn":"C-\#(index)","given_name":"\#(given)","family_name":"\#(name)","date_of_birth":"1990-01-0\#(index + 1)"}
                """#)
            ids.append(try #require((response.json as? [String: Any])?["id"] as? String))
        }
        let statuses: [(day: String, ada: String, ben: String)] = [("2025-03-03", "ATTENDED", "ATTENDED"), ("2025-03-04", "ATTENDED", "LATE"),
                                                                   ("2025-03-05", "ATTENDED", "ABSENT")]
        for (day, ada, ben) in statuses {
            let session = UUID()
            try await db.asOwner("""
                INSERT INTO cl_group_sessions (organization_id, id, facility_id, group_type, session_date, actual_start_time, actual_end_time)
                VALUES (\(tenant.organizationID), \(session), \(tenant.facility.id), 'iop_group', \(day)::date, TIME '09:00', TIME '12:00')
                """)
            try await db.asOwner("""
                INSERT INTO cl_group_attendance (organization_id, id, session_id, patient_id, supervisor_user_id, attendance_status)
                VALUES (\(tenant.organizationID), gen_random_uuid(), \(session), \(UUID(uuidString: ids[0])!), NULL, \(ada)),
                       (\(tenant.organizationID), gen_random_uuid(), \(session), \(UUID(uuidString: ids[1])!), NULL, \(ben)),
                       (\(tenant.organizationID), gen_random_uuid(), \(session), NULL, \(tenant.userID), 'ATTENDED')
                """)
        }
        return ComplianceFixture(tenant: tenant, ada: ids[0], ben: ids[1])
    }

    func rows(_ client: some TestClientProtocol, _ query: String = "week=2025-03-05") async throws -> [[String: Any]] {
        let response = try await client.call(.get, "/api/v1/compliance/iop-php?\(query)", as: tenant)
        #expect(response.status == .ok, "\(response.text)")
        return try #require((response.json as? [String: Any])?["rows"] as? [[String: Any]])
    }
}

@Suite("IOP/PHP compliance report through the API")
struct ComplianceAPITests {
    @Test("each patient's week: days and hours attended, qualifying days, met or the shortfall, for IOP and PHP")
    func weeklyReport() async throws {
        try await withAPI { db, _, client in
            let fixture = try await ComplianceFixture.make(client, db: db)
            let response = try await client.call(.get, "/api/v1/compliance/iop-php?week=2025-03-05", as: fixture.tenant)
            let body = try #require(response.json as? [String: Any])
            #expect(body["from"] as? String == "2025-03-03" && body["to"] as? String == "2025-03-09")
            let rows = try #require(body["rows"] as? [[String: Any]])
            #expect(rows.map { $0["patient_id"] as? String } == [fixture.ada, fixture.ben], "supervisors never appear; ordered by name")
            let ada = rows[0], ben = rows[1]
            #expect(ada["week_start"] as? String == "2025-03-03")
            #expect(ada["days_attended"] as? Int == 3 && ada["hours_attended"] as? Double == 9)
            #expect(ada["level_met"] as? String == "IOP")
            let adaIOP = try #require(ada["iop"] as? [String: Any]), adaPHP = try #require(ada["php"] as? [String: Any])
            #expect(adaIOP["met"] as? Bool == true && adaIOP["days_meeting_day_minimum"] as? Int == 3)
            #expect(adaPHP["met"] as? Bool == false && adaPHP["hours_shortfall"] as? Double == 11 && adaPHP["days_shortfall"] as? Int == 5)
            #expect(ben["days_attended"] as? Int == 2 && ben["hours_attended"] as? Double == 6, "LATE counts; ABSENT does not")
            #expect(ben["level_met"] == nil, "no level met: the key is left out")
            let benIOP = try #require(ben["iop"] as? [String: Any])
            #expect(benIOP["met"] as? Bool == false && benIOP["hours_shortfall"] as? Double == 3 && benIOP["days_shortfall"] as? Int == 1)
            #expect(benIOP["min_hours_per_week"] as? Double == 9 && benIOP["min_days_per_week"] as? Int == 3)
            #expect(ben["profile_source"] as? String == "defaults" && ben["program_label"] as? String == "AHCCCS")

            // A month is widened to whole weeks; the week before and after hold nothing here.
            let month = try await client.call(.get, "/api/v1/compliance/iop-php?from=2025-03-01&to=2025-03-31", as: fixture.tenant).json as? [String: Any]
            #expect(month?["from"] as? String == "2025-02-24" && month?["to"] as? String == "2025-04-06")
            #expect((month?["rows"] as? [[String: Any]])?.count == 2)
            #expect(try await fixture.rows(client, "week=2025-03-10").isEmpty)
            #expect(try await fixture.rows(client, "week=2025-03-05&patient_id=\(fixture.ben)").map { $0["patient_id"] as? String } == [fixture.ben])
            #expect(try await fixture.rows(client, "week=2025-03-05&facility_id=\(fixture.tenant.facility.id)").count == 2)
        }
    }

    @Test("several weeks: each patient's weeks together and in order, patients by name")
    func severalWeeksOrder() async throws {
        try await withAPI { db, _, client in
            let fixture = try await ComplianceFixture.make(client, db: db)
            // A third patient whose name sorts first, and a second week for everyone.
            let aaron = try #require((try await client.call(.post, "/api/v1/patients", as: fixture.tenant, json: #"""
                {"mrn":"C-9","given_name":"Aaron","family_name":"Compliance","date_of_birth":"1990-02-01"}
                """#).json as? [String: Any])?["id"] as? String)
            let session = UUID()
            try await db.asOwner("""
                INSERT INTO cl_group_sessions (organization_id, id, facility_id, group_type, session_date, actual_start_time, actual_end_time)
                VALUES (\(fixture.tenant.organizationID), \(session), \(fixture.tenant.facility.id), 'iop_group', DATE '2025-03-11', TIME '09:00', TIME '13:00')
                """)
            try await db.asOwner("""
                INSERT INTO cl_group_attendance (organization_id, id, session_id, patient_id, attendance_status)
                SELECT \(fixture.tenant.organizationID), gen_random_uuid(), \(session), p::uuid, 'ATTENDED'
                FROM unnest(\([fixture.ada, fixture.ben, aaron])::text[]) AS p
                """)
            let rows = try await fixture.rows(client, "from=2025-03-03&to=2025-03-16")
            let order = rows.map { "\($0["patient_id"] as? String ?? "?") \($0["week_start"] as? String ?? "?")" }
            #expect(order == ["\(aaron) 2025-03-10", "\(fixture.ada) 2025-03-03", "\(fixture.ada) 2025-03-10",
                              "\(fixture.ben) 2025-03-03", "\(fixture.ben) 2025-03-10"])
            #expect(rows.last?["hours_attended"] as? Double == 4)
        }
    }

    @Test("a week at two sites is one row judged by the site with more minutes; one facility's report holds only its minutes")
    func weekAtTwoSites() async throws {
        try await withAPI { db, _, client in
            let fixture = try await ComplianceFixture.make(client, db: db)
            let org = fixture.tenant.organizationID
            let (site, facility, session) = (UUID(), UUID(), UUID())
            try await db.asOwner("INSERT INTO pf_sites (organization_id, id, name) VALUES (\(org), \(site), 'North')")
            try await db.asOwner("""
                INSERT INTO pf_facilities (organization_id, id, site_id, name, state_code, time_zone)
                VALUES (\(org), \(facility), \(site), 'North clinic', 'AZ', 'America/Phoenix')
                """)
            // Ada also attends four hours on Thursday at the North clinic.
            try await db.asOwner("""
                INSERT INTO cl_group_sessions (organization_id, id, facility_id, group_type, session_date, actual_start_time, actual_end_time)
                VALUES (\(org), \(session), \(facility), 'iop_group', DATE '2025-03-06', TIME '09:00', TIME '13:00')
                """)
            try await db.asOwner("""
                INSERT INTO cl_group_attendance (organization_id, id, session_id, patient_id, attendance_status)
                VALUES (\(org), gen_random_uuid(), \(session), \(UUID(uuidString: fixture.ada)!), 'ATTENDED')
                """)
            let rows = try await fixture.rows(client)
            #expect(rows.map { $0["patient_id"] as? String } == [fixture.ada, fixture.ben])
            let ada = rows[0]
            #expect(ada["days_attended"] as? Int == 4 && ada["hours_attended"] as? Double == 13)
            #expect((ada["site_id"] as? String)?.lowercased() == fixture.tenant.siteID.uuidString.lowercased(), "nine hours at home, four at North")
            let north = try await fixture.rows(client, "week=2025-03-05&facility_id=\(facility)")
            #expect(north.map { $0["patient_id"] as? String } == [fixture.ada])
            #expect(north.first?["days_attended"] as? Int == 1 && north.first?["hours_attended"] as? Double == 4)
            #expect((north.first?["site_id"] as? String)?.lowercased() == site.uuidString.lowercased())
        }
    }

    @Test("format=csv answers text/csv with one line per patient-week")
    func csvExport() async throws {
        try await withAPI { db, _, client in
            let fixture = try await ComplianceFixture.make(client, db: db)
            let response = try await client.call(.get, "/api/v1/compliance/iop-php?week=2025-03-03&format=csv", as: fixture.tenant)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(response.headers[.contentDisposition]?.contains("iop-php-compliance-2025-03-03-to-2025-03-09.csv") == true)
            let lines = response.text.split(separator: "\r\n").map(String.init)
            #expect(lines.count == 3)
            #expect(lines[0].hasPrefix("patient_id,patient_name,week_start,days_attended,hours_attended,level_met,iop_met,"))
            #expect(lines[1] == "\(fixture.ada),Ada Compliance,2025-03-03,3,9,IOP,true,3,0,0,false,0,11,5,AHCCCS,defaults")
            #expect(lines[2] == "\(fixture.ben),Ben Compliance,2025-03-03,2,6,,false,2,3,1,false,0,14,5,AHCCCS,defaults")
        }
    }

    @Test("a site profile's override judges the week there; its other keys fall back to the AHCCCS defaults")
    func siteProfileThresholds() async throws {
        try await withAPI { db, _, client in
            let fixture = try await ComplianceFixture.make(client, db: db)
            let site = fixture.tenant.siteID.uuidString.lowercased()
            let saved = try await client.call(.put, "/api/v1/jurisdiction-profile?site_id=\(site)", as: fixture.tenant,
                                              json: #"{"clinical":{"iop_php_compliance":{"iop_min_hours_per_week":6}}}"#)
            #expect(saved.status == .ok)
            let ben = try #require(try await fixture.rows(client).last)
            let iop = try #require(ben["iop"] as? [String: Any])
            #expect(iop["min_hours_per_week"] as? Double == 6 && iop["min_days_per_week"] as? Int == 3 && iop["min_hours_per_day"] as? Double == 3)
            #expect(iop["hours_shortfall"] as? Double == 0 && iop["days_shortfall"] as? Int == 1 && iop["met"] as? Bool == false)
            #expect(ben["profile_source"] as? String == "site:\(site)")
        }
    }

    @Test("another organization's attendance never appears, even asked for by its facility or patient")
    func tenantIsolation() async throws {
        try await withAPI { db, _, client in
            let mine = try await ComplianceFixture.make(client, db: db, name: "Mine")
            let theirs = try await ComplianceFixture.make(client, db: db, name: "Theirs")
            let rows = try await mine.rows(client)
            #expect(Set(rows.compactMap { $0["patient_id"] as? String }) == [mine.ada, mine.ben])
            let csv = try await client.call(.get, "/api/v1/compliance/iop-php?week=2025-03-03&format=csv", as: mine.tenant).text
            #expect(!csv.contains(theirs.ada) && !csv.contains("Theirs"))
            let byFacility = try await client.call(.get, "/api/v1/compliance/iop-php?week=2025-03-03&facility_id=\(theirs.tenant.facility.id)", as: mine.tenant)
            #expect(byFacility.status == .unprocessableContent && byFacility.errorBody?.field == "facility_id")
            let byPatient = try await client.call(.get, "/api/v1/compliance/iop-php?week=2025-03-03&patient_id=\(theirs.ada)", as: mine.tenant)
            #expect(byPatient.status == .unprocessableContent && byPatient.errorBody?.field == "patient_id")
        }
    }

    @Test("bad input answers 422 in the error envelope naming the field, and changes nothing; the report needs pm.reports.read")
    func badInput() async throws {
        try await withAPI { db, _, client in
            let fixture = try await ComplianceFixture.make(client, db: db)
            let before = try await db.ownerScalars("SELECT count(*)::int FROM cl_group_attendance", as: Int.self)
            let cases: [(String, String, String)] = [
                ("week=2025-02-30", "week", "VALIDATION_FAILED"), ("week=03/05/2025", "week", "VALIDATION_FAILED"),
                ("from=2025-03-10&to=2025-03-01", "to", "VALIDATION_FAILED"), ("from=2025-01-01&to=2025-06-30", "to", "RANGE_TOO_LONG"),
                ("to=2025-03-01", "from", "MISSING_FIELD"), ("week=2025-03-03&from=2025-03-01", "week", "VALIDATION_FAILED"),
                ("facility_id=not-a-uuid", "facility_id", "VALIDATION_FAILED"), ("facility_id=\(UUID())", "facility_id", "UNKNOWN_FACILITY"),
                ("patient_id=\(UUID())", "patient_id", "UNKNOWN_PATIENT"), ("format=xml", "format", "VALIDATION_FAILED"),
            ]
            for (query, field, code) in cases {
                let response = try await client.call(.get, "/api/v1/compliance/iop-php?\(query)", as: fixture.tenant)
                #expect(response.status == .unprocessableContent, "\(query)")
                #expect(response.errorBody?.field == field, "\(query)")
                #expect(response.errorBody?.code == code, "\(query)")
            }
            #expect(try await db.ownerScalars("SELECT count(*)::int FROM cl_group_attendance", as: Int.self) == before)

            let reader = try await TestTenant.create("No reports", permissions: [.patientsRead], database: db.database)
            let refused = try await client.call(.get, "/api/v1/compliance/iop-php", as: reader)
            #expect(refused.status == .forbidden && refused.errorBody?.code == "MISSING_PERMISSION")
        }
    }

    @Test("the page shows the week's table with met and shortfalls and links the same report as CSV")
    func page() async throws {
        try await withAPI { db, _, client in
            let fixture = try await ComplianceFixture.make(client, db: db)
            let cookie = try await BillingRulesPageTests.signIn(client, fixture.tenant)
            let home = try await client.execute(uri: "/", method: .get, headers: [.cookie: cookie]) { $0 }
            #expect(home.text.contains("href=\"/compliance/iop-php\""))
            let page = try await client.execute(uri: "/compliance/iop-php?week=2025-03-04", method: .get, headers: [.cookie: cookie]) { $0 }
            #expect(page.status == .ok)
            #expect(page.text.contains("Ada Compliance") && page.text.contains("Ben Compliance"))
            #expect(page.text.contains("3 h short, 1 day short"))
            #expect(page.text.contains("href=\"/api/v1/compliance/iop-php?format=csv&amp;from=2025-03-03&amp;to=2025-03-09\""))
            #expect(page.text.contains("value=\"2025-03-04\""), "the picked date stays in the picker")
            let bad = try await client.execute(uri: "/compliance/iop-php?week=2025-13-01", method: .get, headers: [.cookie: cookie]) { $0 }
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("week is a date"))
            #expect(page.text.contains("What “not met” means"), "the page says what not met means")
            #expect(page.text.contains("<th>IOP</th>") && !page.text.contains("<th>PHP</th>"), "it judges against IOP unless asked")
            let both = try await client.execute(uri: "/compliance/iop-php?week=2025-03-04&level=both", method: .get, headers: [.cookie: cookie]) { $0 }
            #expect(both.text.contains("<th>IOP</th>") && both.text.contains("<th>PHP</th>"))
        }
    }
}
