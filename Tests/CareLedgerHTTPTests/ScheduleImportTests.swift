import CareLedgerHTTP
import Foundation
import Hummingbird
import HummingbirdTesting
import HTTPTypes
import NIOCore
import Platform
import PlatformTesting
import Testing

@Suite("Scheduling feed import")
struct ScheduleImportTests {
    static func setUp(_ client: some TestClientProtocol, db: TestDatabase) async throws -> TestTenant {
        let tenant = try await TestTenant.create("Feed", permissions: [.scheduleManage, .patientsManage, .groupSessionRead, .groupSessionManage],
                                                 database: db.database)
        for mrn in ["F-1", "F-2", "F-3"] {
            _ = try await client.call(.post, "/api/v1/patients", as: tenant,
                                      json: #"{"mrn":"\#(mrn)","given_name":"Pat","family_name":"\#(mrn)","date_of_birth":"1990-01-01"}"#)
        }
        return tenant
    }

    static func csv(_ tenant: TestTenant, extraRow: String = "") -> String {
        """
        external_id,group_name,group_type,facility,session_date,start_time,end_time,location,capacity,patient_mrns
        occ-1,Morning process,process_group,\(tenant.facility.name),2026-06-01,09:00,10:30,Room A,10,F-1;F-2
        occ-2,"Skills, evening",skills_group,\(tenant.facility.id),2026-06-01,17:00,18:00,,8,F-3
        \(extraRow)
        """
    }

    static func post(_ client: some TestClientProtocol, _ tenant: TestTenant, _ body: String, csv: Bool = true) async throws -> TestResponse {
        try await client.execute(uri: "/api/v1/schedule/import", method: .post,
                                 headers: [.authorization: tenant.authorization, .contentType: csv ? "text/csv" : "application/json"],
                                 body: ByteBuffer(string: body)) { $0 }
    }

    @Test("a CSV feed creates occurrences and enrollments; importing it again changes nothing; a moved time updates")
    func idempotentCSV() async throws {
        try await withAPI { db, _, client in
            let tenant = try await Self.setUp(client, db: db)
            let first = try await Self.post(client, tenant, Self.csv(tenant))
            #expect(first.status == .ok)
            #expect(first.json as? [String: Int] == ["created": 2, "updated": 0, "unchanged": 0])
            let again = try await Self.post(client, tenant, Self.csv(tenant))
            #expect(again.json as? [String: Int] == ["created": 0, "updated": 0, "unchanged": 2])
            let moved = try await Self.post(client, tenant, Self.csv(tenant).replacingOccurrences(of: "17:00,18:00", with: "17:30,18:30"))
            #expect(moved.json as? [String: Int] == ["created": 0, "updated": 1, "unchanged": 1])
            #expect(try await db.ownerScalars("SELECT count(*)::int FROM pm_group_schedule", as: Int.self) == [2])
            #expect(try await db.ownerScalars("SELECT count(*)::int FROM pm_group_definitions", as: Int.self) == [2])
            #expect(try await db.ownerScalars("SELECT count(*)::int FROM pm_group_enrollments", as: Int.self) == [3])
            #expect(try await db.ownerScalars("SELECT name FROM pm_group_definitions ORDER BY name", as: String.self) == ["Morning process", "Skills, evening"])
        }
    }

    @Test("a file with one bad row is refused whole, naming the line and the field", arguments: [
        ("occ-3,Bad,process_group,Nowhere,2026-06-02,09:00,10:00,,8,F-1", "line 4: facility"),
        ("occ-3,Bad,process_group,Feed clinic,2026-06-31,09:00,10:00,,8,F-1", "line 4: session_date"),
        ("occ-3,Bad,process_group,Feed clinic,2026-06-02,10:00,09:00,,8,F-1", "line 4: end_time"),
        ("occ-3,Bad,process_group,Feed clinic,2026-06-02,09:00,10:00,,8,F-9", "line 4: patient_mrns"),
        ("occ-1,Dup,process_group,Feed clinic,2026-06-02,09:00,10:00,,8,F-1", "line 4: external_id"),
    ])
    func badRowRejectsFile(row: String, named: String) async throws {
        try await withAPI { db, _, client in
            let tenant = try await Self.setUp(client, db: db)
            let response = try await Self.post(client, tenant, Self.csv(tenant, extraRow: row))
            #expect(response.status == .unprocessableContent)
            #expect(response.errorBody?.code == "IMPORT_REJECTED")
            #expect(response.errorBody?.message.contains(named) == true, "\(response.errorBody?.message ?? "")")
            #expect(try await db.ownerScalars("SELECT count(*)::int FROM pm_group_schedule", as: Int.self) == [0])
            #expect(try await db.ownerScalars("SELECT count(*)::int FROM pm_group_definitions", as: Int.self) == [0])
        }
    }

    @Test("the same feed as JSON works, and an imported occurrence can be documented as a session")
    func jsonFeed() async throws {
        try await withAPI { db, _, client in
            let tenant = try await Self.setUp(client, db: db)
            let json = #"""
            {"occurrences":[{"external_id":"j-1","group_name":"IOP","group_type":"iop_group","facility":"\#(tenant.facility.name)",
                             "session_date":"2026-06-03","start_time":"13:00","end_time":"16:00","capacity":9,"patient_mrns":["F-1","F-2","F-3"]}]}
            """#
            let response = try await Self.post(client, tenant, json, csv: false)
            #expect(response.json as? [String: Int] == ["created": 1, "updated": 0, "unchanged": 0])
            let occurrence = try #require(try await db.ownerScalars("SELECT id FROM pm_group_schedule", as: UUID.self).first)
            let session = try await client.call(.post, "/api/v1/group-sessions", as: tenant, json: #"{"schedule_id":"\#(occurrence)"}"#)
            #expect(session.status == .created)
            #expect(((session.json as? [String: Any])?["roster"] as? [Any])?.count == 3)
            let malformed = try await Self.post(client, tenant, "{not json", csv: false)
            #expect(malformed.status == .unprocessableContent)
        }
    }
}
